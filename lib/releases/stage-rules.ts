// Rules of a stage's plan that both the form and the server state, in the same words.

export const STARTED_SQL_FIXED =
  "The SQL of a stage that has started is fixed: it is what the schema check holds the target to. If the stage ran different SQL, the decision owner can complete it over the check with a reason.";
