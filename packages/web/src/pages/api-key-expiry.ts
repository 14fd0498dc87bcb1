/** The expiry choices of a new API key (the API takes 1–365 days, or null for never). */
export const EXPIRY_CHOICES = [
  { value: '7', label: 'In 7 days' },
  { value: '30', label: 'In 30 days' },
  { value: '90', label: 'In 90 days' },
  { value: '365', label: 'In a year' },
  { value: 'never', label: 'Never' },
] as const;

export function expiryFromChoice(choice: string): number | null {
  return choice === 'never' ? null : Number(choice);
}
