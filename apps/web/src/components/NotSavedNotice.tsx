import { ErrorNotice } from './ErrorNotice';

interface Props {
  /** e.g. `The flag was not saved`. */
  title: string;
  /** The server's refusal that no field owns, if any. */
  formError: string | null;
  /** Whether fields are marked invalid after a tried save. */
  fieldsMarked: boolean;
}

/** Above an edit form whose save was refused: the server's reason, or a pointer to the fields marked below. */
export function NotSavedNotice({ title, formError, fieldsMarked }: Props) {
  if (!formError && !fieldsMarked) return null;
  return <ErrorNotice title={title} error={formError ?? 'Fix the fields marked below.'} />;
}
