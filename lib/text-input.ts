// What free text a person may type into the shop or the console. C0 control characters and DEL
// are refused at the edge: PostgreSQL cannot store a NUL in text at all (the checkout answered 500),
// and the others only hide or reshape text for the operator who reads it later. Fields the UI
// shows as a textarea keep line breaks.

/** No control character at all. */
export const SINGLE_LINE = /^[^\u0000-\u001f\u007f]*$/;
/** No control character except line breaks (\n, and the \r of a pasted \r\n). */
export const MULTI_LINE = /^[^\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]*$/;

export const SINGLE_LINE_MESSAGE = 'Must not contain control characters (such as NUL, tabs or line breaks)';
export const MULTI_LINE_MESSAGE = 'Must not contain control characters (such as NUL or tabs)';
