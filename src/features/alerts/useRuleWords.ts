import { describeRule } from '../../core/thresholds';
import { useHearthStore } from '../../store/store';

/**
 * A threshold rule in words in the units shown now ("temperature above 82.4 °F"); undefined
 * without a rule id or once the rule is deleted (the alert's saved words stand in then).
 */
export function useRuleWords(ruleId: string | undefined): string | undefined {
  const rule = useHearthStore((s) =>
    ruleId === undefined ? undefined : s.settings.rules.find((r) => r.id === ruleId),
  );
  const units = useHearthStore((s) => s.settings.units);
  return rule === undefined ? undefined : describeRule(rule, units);
}
