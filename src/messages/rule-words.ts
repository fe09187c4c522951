export const RULE_SHAPES: Record<string, string> = {
  default: 'default:DESTINATION',
  website: 'website:ID:MODE:DESTINATION',
  masterForm: 'masterForm:ID:DESTINATION',
  campaign: 'campaign:ID:DESTINATION',
};

export function levelLabel(level: string): string {
  return level === 'masterForm'
    ? 'Master Form'
    : level === 'default'
      ? 'Default'
      : level.charAt(0).toUpperCase() + level.slice(1);
}
