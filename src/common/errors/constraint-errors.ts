/**
 * Named database constraints → stable error codes and messages. Every unique or foreign-key
 * constraint a user can hit is listed here; migrations name them explicitly so this stays valid.
 */
export interface ConstraintError {
  status: 409 | 400 | 404;
  code: string;
  message: string;
  field?: string;
}

const registry = new Map<string, ConstraintError>();

export function registerConstraintErrors(entries: Record<string, ConstraintError>): void {
  for (const [name, err] of Object.entries(entries)) registry.set(name, err);
}

export function constraintError(name: string | undefined): ConstraintError | undefined {
  return name ? registry.get(name) : undefined;
}
