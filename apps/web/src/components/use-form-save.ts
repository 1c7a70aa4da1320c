import { useEffect, useRef, useState, type RefObject } from 'react';
import { ApiError, errorMessage } from '../api/api-client';

/** Where an edit form is in saving, and the steps that move it on. */
export interface FormSave {
  /** On the `<form>`: after a refused save the keyboard goes to its first field marked invalid. */
  formRef: RefObject<HTMLFormElement | null>;
  /** A save was tried since the last one that worked: the form's own errors are shown from then on. */
  attempted: boolean;
  /** What the server refused, by the field (or part of the form) it named. */
  serverErrors: Record<string, string>;
  /** A refusal no field owns, said above the form. */
  formError: string | null;
  /** When the last save worked, until the next edit. */
  savedAt: number | null;
  /** Every edit: the server's verdict and "Saved." were about the form as it was. */
  edited(): void;
  /** A save is tried: true when it may be sent, false (focus on the first field to fix) when `clientErrors` refuse it. */
  attempt(clientErrors: Record<string, string>): boolean;
  /** The save worked. */
  saved(): void;
  /** The save failed: an ApiError whose `attr` has a place in the form (`errorSlot`) is shown there, else above it. */
  failed(error: unknown): void;
}

/**
 * The save cycle an edit form shares: errors shown once a save was tried, the server's errors put on the field its
 * `attr` names (`errorSlot` maps it, `form` meaning none), the keyboard taken to the first field to fix, and "Saved."
 * until the next edit.
 * Example: const saving = useFormSave(errorSlot); if (saving.attempt(validate(form))) save.mutate(body, { onSuccess: saving.saved, onError: saving.failed })
 */
export function useFormSave(errorSlot: (attr: string | null) => string): FormSave {
  const formRef = useRef<HTMLFormElement>(null);
  const [attempted, setAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [focusTick, setFocusTick] = useState(0);

  useEffect(() => {
    if (focusTick > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusTick]);

  return {
    formRef,
    attempted,
    serverErrors,
    formError,
    savedAt,
    edited() {
      setServerErrors({});
      setFormError(null);
      setSavedAt(null);
    },
    attempt(clientErrors) {
      setAttempted(true);
      if (Object.keys(clientErrors).length === 0) return true;
      setFocusTick((t) => t + 1);
      return false;
    },
    saved() {
      setAttempted(false);
      setSavedAt(Date.now());
    },
    failed(error) {
      const slot = error instanceof ApiError ? errorSlot(error.attr) : 'form';
      if (slot === 'form' || !(error instanceof ApiError)) setFormError(errorMessage(error));
      else setServerErrors({ [slot]: error.detail });
      setFocusTick((t) => t + 1);
    },
  };
}
