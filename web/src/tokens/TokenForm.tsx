import { createSignal, type JSX, Show } from 'solid-js';
import { t } from '../i18n';
import { describeError } from '../lib/api-error';
import { api } from '../lib/trpc';
import { Dialog } from '../logs/Dialog';
import { createInput, type DraftErrors, draftOf, parseDraft, type TokenDraft, type TokenView, updateInput } from './token-form';
import './token-form.css';

export type FormMode = { readonly kind: 'create' } | { readonly kind: 'edit'; readonly token: TokenView };

interface Props {
  /** null = closed. */
  readonly mode: FormMode | null;
  readonly onClose: () => void;
  /** A new token comes with its full value (shown once); an edit without it. */
  readonly onSaved: (saved: TokenView & { readonly token?: string }) => void;
}

/** Create or edit a token. Only the label is required; every limit left empty means "none". */
export function TokenForm(props: Props) {
  return (
    <Dialog
      open={props.mode !== null}
      title={props.mode?.kind === 'edit' ? t('tokens.form.editTitle', { label: props.mode.token.label }) : t('tokens.form.createTitle')}
      onClose={props.onClose}
      closeOnBackdrop={false}
    >
      <Show when={props.mode}>{(mode) => <FormBody mode={mode()} onClose={props.onClose} onSaved={props.onSaved} />}</Show>
    </Dialog>
  );
}

function FormBody(props: { readonly mode: FormMode; readonly onClose: () => void; readonly onSaved: Props['onSaved'] }) {
  const original = props.mode.kind === 'edit' ? props.mode.token : undefined;
  const [draft, setDraft] = createSignal<TokenDraft>(draftOf(original));
  const [errors, setErrors] = createSignal<DraftErrors>({});
  const [serverError, setServerError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const set = (patch: Partial<TokenDraft>) => setDraft({ ...draft(), ...patch });

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setServerError(null);
    const { parsed, errors: found } = parseDraft(draft(), props.mode.kind, Date.now());
    setErrors(found);
    if (!parsed) return;
    setBusy(true);
    try {
      const saved = original ? await api.tokens.update.mutate(updateInput(original, draft(), parsed)) : await api.tokens.create.mutate(createInput(parsed));
      props.onSaved(saved);
    } catch (caught) {
      setServerError(describeError(caught).message);
    } finally {
      setBusy(false);
    }
  };

  /** One labelled input with its hint and, when refused, the reason (read out by screen readers). */
  const field = (name: keyof TokenDraft, label: string, hint: string, input: (id: string, describedBy: string) => JSX.Element) => {
    const id = `token-${name}`;
    return (
      <div class="token-field">
        <label for={id}>{label}</label>
        {input(id, `${id}-hint ${id}-error`)}
        <p class="muted token-hint" id={`${id}-hint`}>
          {hint}
        </p>
        <Show when={errors()[name]}>
          <p class="token-error" id={`${id}-error`} role="alert">
            {errors()[name]}
          </p>
        </Show>
      </div>
    );
  };
  const invalid = (name: keyof TokenDraft) => (errors()[name] ? 'true' : undefined);

  return (
    <form class="token-form" onSubmit={submit} novalidate>
      {field('label', t('tokens.form.label'), t('tokens.form.labelHint'), (id, by) => (
        <input id={id} class="input" value={draft().label} maxLength={100} aria-invalid={invalid('label')} aria-describedby={by} onInput={(e) => set({ label: e.currentTarget.value })} />
      ))}
      {field('models', t('tokens.form.models'), t('tokens.form.modelsHint'), (id, by) => (
        <input
          id={id}
          class="input"
          value={draft().models}
          placeholder={t('tokens.form.modelsPlaceholder')}
          autocomplete="off"
          spellcheck={false}
          aria-invalid={invalid('models')}
          aria-describedby={by}
          onInput={(e) => set({ models: e.currentTarget.value })}
        />
      ))}
      <div class="token-row">
        {field('expiry', t('tokens.form.expiry'), t('tokens.form.expiryHint'), (id, by) => (
          <input id={id} class="input" type="date" value={draft().expiry} aria-invalid={invalid('expiry')} aria-describedby={by} onInput={(e) => set({ expiry: e.currentTarget.value })} />
        ))}
        {field('rpm', t('tokens.form.rpm'), t('tokens.form.rpmHint'), (id, by) => (
          <input
            id={id}
            class="input"
            type="number"
            min="1"
            max="100000"
            step="1"
            inputmode="numeric"
            value={draft().rpm}
            placeholder={t('tokens.form.noLimit')}
            aria-invalid={invalid('rpm')}
            aria-describedby={by}
            onInput={(e) => set({ rpm: e.currentTarget.value })}
          />
        ))}
      </div>
      <Show when={props.mode.kind === 'create'}>
        <details class="token-advanced" open={draft().token !== ''}>
          <summary>{t('tokens.form.advanced')}</summary>
          {field('token', t('tokens.form.ownToken'), t('tokens.form.ownTokenHint'), (id, by) => (
            <input
              id={id}
              class="input mono"
              value={draft().token}
              autocomplete="off"
              spellcheck={false}
              aria-invalid={invalid('token')}
              aria-describedby={by}
              onInput={(e) => set({ token: e.currentTarget.value })}
            />
          ))}
        </details>
      </Show>
      <Show when={serverError()}>
        <p class="notice notice-error" role="alert">
          {serverError()}
        </p>
      </Show>
      <div class="lt-confirm-actions">
        <button type="button" class="btn" onClick={() => props.onClose()} disabled={busy()}>
          {t('logs.cancel')}
        </button>
        <button type="submit" class="btn btn-primary" disabled={busy()}>
          {busy() ? t('logs.working') : props.mode.kind === 'edit' ? t('tokens.form.save') : t('tokens.form.create')}
        </button>
      </div>
    </form>
  );
}
