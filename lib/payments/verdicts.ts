// The words a pay log uses (spec: pay_logs.verdict / source / trade_state).
export type Verdict = 'applied' | 'duplicate' | 'rejected' | 'anomaly' | 'closed';
export type PaySource = 'notify' | 'query' | 'close';
