import { CONVERTIBLE_QUANTITIES } from '../../config/unitSettings';
import { displayUnit, type QuantityId, type UnitSystem } from '../../core/quantity';
import { FIELD_CLASS, Field, Section } from './fields';
import type { SectionProps } from './settingsDraft';

const SYSTEMS: ReadonlyArray<{ value: UnitSystem; label: string; example: string }> = [
  { value: 'metric', label: 'Metric', example: '°C, hPa, km/h, mm, L' },
  { value: 'imperial', label: 'Imperial', example: '°F, inHg, mph, in, gal' },
];

/** The unit system, and a unit per quantity for those who mix them (°C with inHg). */
export function UnitsSection({ draft, update }: SectionProps) {
  const units = draft.units;
  const choose = (quantity: QuantityId, symbol: string) => {
    const perQuantity = { ...units.perQuantity };
    if (symbol === '') delete perQuantity[quantity];
    else perQuantity[quantity] = symbol;
    update({ units: { ...units, perQuantity } });
  };
  return (
    <Section title="Units">
      <div role="radiogroup" aria-label="Unit system" className="flex flex-col gap-1">
        {SYSTEMS.map((system) => (
          <label key={system.value} className="flex min-h-11 items-center gap-3 text-sm">
            <input
              type="radio"
              name="unit-system"
              className="size-5 shrink-0"
              checked={units.system === system.value}
              onChange={() => update({ units: { ...units, system: system.value } })}
            />
            <span>
              <span className="font-medium">{system.label}</span>{' '}
              <span className="text-slate-600 dark:text-slate-300">({system.example})</span>
            </span>
          </label>
        ))}
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        Each quantity follows the system unless you pick its unit here. Charts, cards, alert rules and exports
        all use these units; readings in a unit Hearth does not know are shown as sent.
      </p>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        {CONVERTIBLE_QUANTITIES.map((quantity) => {
          const systemUnit = displayUnit(quantity, { system: units.system, perQuantity: {} }).symbol;
          return (
            <Field key={quantity.id} label={quantity.name}>
              <select
                className={FIELD_CLASS}
                value={units.perQuantity[quantity.id] ?? ''}
                onChange={(e) => choose(quantity.id, e.target.value)}
              >
                <option value="">As the system ({systemUnit || 'ratio'})</option>
                {quantity.units.map((unit) => (
                  <option key={unit.symbol} value={unit.symbol}>
                    {unit.symbol === '' ? 'ratio (0–1)' : unit.symbol}
                  </option>
                ))}
              </select>
            </Field>
          );
        })}
      </div>
    </Section>
  );
}
