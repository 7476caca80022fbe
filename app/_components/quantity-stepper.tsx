'use client';

// − [n] + for a quantity between 1 and `max`. The number can also be typed; it is clamped when the
// field loses focus, so a half-typed value is never committed.
import { useId, useState } from 'react';

interface Props {
  value: number;
  max: number;
  onChange: (value: number) => void;
  label: string;
  decreaseLabel: string;
  increaseLabel: string;
  disabled?: boolean;
  id?: string;
}

export function QuantityStepper({ value, max, onChange, label, decreaseLabel, increaseLabel, disabled, id }: Props) {
  const fallbackId = useId();
  const inputId = id ?? fallbackId;
  const [draft, setDraft] = useState<string | null>(null);
  const upper = Math.max(1, max);
  const commit = (n: number) => onChange(Math.min(upper, Math.max(1, Number.isFinite(n) ? Math.floor(n) : 1)));

  return (
    <div className="stepper">
      <label htmlFor={inputId} className="visually-hidden">
        {label}
      </label>
      <button type="button" className="stepper__button" aria-label={decreaseLabel} onClick={() => commit(value - 1)} disabled={disabled || value <= 1}>
        −
      </button>
      <input
        id={inputId}
        className="stepper__input"
        type="number"
        inputMode="numeric"
        min={1}
        max={upper}
        value={draft ?? String(value)}
        disabled={disabled}
        onChange={(e) => {
          setDraft(e.target.value);
          const n = Number(e.target.value);
          if (e.target.value !== '' && Number.isInteger(n) && n >= 1 && n <= upper) onChange(n);
        }}
        onBlur={() => {
          if (draft !== null) commit(Number(draft));
          setDraft(null);
        }}
      />
      <button type="button" className="stepper__button" aria-label={increaseLabel} onClick={() => commit(value + 1)} disabled={disabled || value >= upper}>
        +
      </button>
    </div>
  );
}
