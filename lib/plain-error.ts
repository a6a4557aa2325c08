// An error whose message is one plain sentence for the person at the terminal: no stack trace.
export class PlainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlainError";
  }
}
