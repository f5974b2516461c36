import { registerDecorator } from 'class-validator';
import { snapshotSafeText } from './snapshot';

/** DTO side of snapshotSafeText: a value a plan snapshot stores (see src/plans/snapshot.ts). Non-strings are left to IsString. */
export function SnapshotSafe(options: { each?: boolean } = {}): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'snapshotSafe',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { each: options.each },
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || snapshotSafeText(value) === null,
        // With each, args.value is the whole array: name the first refused element's reason.
        defaultMessage: (args) => {
          const values: unknown[] = Array.isArray(args?.value) ? args.value : [args?.value];
          return values.map((v) => (typeof v === 'string' ? snapshotSafeText(v) : null)).find((m) => m) ?? '';
        },
      },
    });
}
