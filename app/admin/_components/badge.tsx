// A word in a coloured pill: order status, fulfilment, pay-log verdict.
const TONE: Record<string, string> = {
  paid: 'good',
  applied: 'good',
  delivered: 'good',
  pending: 'warn',
  shipped: 'info',
  duplicate: 'muted',
  closed: 'muted',
  unfulfilled: 'muted',
  anomaly: 'bad',
  rejected: 'bad',
  open: 'bad',
  resolved: 'good',
  archived: 'muted',
};

export function Badge({ value }: { value: string }) {
  return <span className={`adm-badge adm-badge--${TONE[value] ?? 'muted'}`}>{value}</span>;
}
