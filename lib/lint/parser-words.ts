// squawk's parse errors name its parser's token kinds ("expected command, found TEXT_KW",
// "expected R_PAREN"). The person reading them wrote SQL, not the parser, so each kind becomes the
// SQL it stands for. The names are squawk's SyntaxKind (crates/squawk_parser, syntax_kind.rs).

const SYMBOLS: Record<string, string> = {
  SEMICOLON: ";",
  COMMA: ",",
  DOT: ".",
  COLON: ":",
  COLON_COLON: "::",
  COLON_EQ: ":=",
  EQ: "=",
  BANG: "!",
  L_PAREN: "(",
  R_PAREN: ")",
  L_BRACK: "[",
  R_BRACK: "]",
  L_CURLY: "{",
  R_CURLY: "}",
  L_ANGLE: "<",
  R_ANGLE: ">",
  AT: "@",
  POUND: "#",
  TILDE: "~",
  QUESTION: "?",
  AMP: "&",
  PIPE: "|",
  PLUS: "+",
  MINUS: "-",
  STAR: "*",
  SLASH: "/",
  CARET: "^",
  PERCENT: "%",
  UNDERSCORE: "_",
  BACKTICK: "`",
  DOLLAR: "$",
};

const KINDS: Record<string, string> = {
  EOF: "the end of the SQL",
  IDENT: "a name",
  INT_NUMBER: "a number",
  NUMERIC_NUMBER: "a number",
  STRING: "a string",
  ESC_STRING: "a string",
  NATIONAL_STRING: "a string",
  UNICODE_ESC_STRING: "a string",
  DOLLAR_QUOTED_STRING: "a dollar-quoted string",
  BIT_STRING: "a bit string",
  BYTE_STRING: "a byte string",
  POSITIONAL_PARAM: "a parameter such as $1",
  CUSTOM_OP: "an operator",
  NULL: "NULL",
  COMMENT: "a comment",
  WHITESPACE: "a space",
  ERROR: "something it cannot read",
};

// Upper-case words, with underscores: squawk's prose around them is lower case.
const KIND = /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*\b/g;

function plain(kind: string): string {
  if (kind.endsWith("_KW")) return `the keyword ${kind.slice(0, -3)}`;
  if (SYMBOLS[kind]) return `“${SYMBOLS[kind]}”`;
  if (KINDS[kind]) return KINDS[kind];
  // A grammar node such as COLUMN_DEF: its words read well enough in lower case.
  return kind.includes("_") ? kind.toLowerCase().replaceAll("_", " ") : kind;
}

export function plainParserWords(message: string): string {
  return message.replace(KIND, plain);
}
