// One labelled form field of the shop: the input (or textarea), then its error or, while there is
// none, its hint; the input is described by whichever is shown.
import type { InputHTMLAttributes, TextareaHTMLAttributes } from 'react';

type Common = { name: string; label: string; error?: string; hint?: string };
type InputField = Common & { multiline?: false } & Omit<InputHTMLAttributes<HTMLInputElement>, 'name'>;
type TextareaField = Common & { multiline: true } & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name'>;

export function Field(props: InputField | TextareaField) {
  const { name, label, error, hint } = props;
  const note = error ? `${name}-error` : hint ? `${name}-hint` : undefined;
  const shared = { id: name, name, 'aria-invalid': error ? true : undefined, 'aria-describedby': note };
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      {props.multiline ? <textarea rows={3} {...omitOwn(props)} {...shared} /> : <input type="text" {...omitOwn(props)} {...shared} />}
      {error ? (
        <span className="field-error" id={note}>
          {error}
        </span>
      ) : (
        hint && (
          <span className="field-hint" id={note}>
            {hint}
          </span>
        )
      )}
    </div>
  );
}

function omitOwn<P extends Common & { multiline?: boolean }>(props: P) {
  const { name: _n, label: _l, error: _e, hint: _h, multiline: _m, ...rest } = props;
  return rest;
}
