/** An error caused by the user's input: shown as one line, exit status 1, no stack trace. */
export class UserError extends Error {}
