// `{name}` arguments of a catalogue message, filled without next-intl's client runtime: for the
// pay page's island, which gets its strings as props to stay within its JavaScript budget. Only
// plain arguments (no plural or select) belong in messages used this way.
export function fill(message: string, values: Record<string, string | number>): string {
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
