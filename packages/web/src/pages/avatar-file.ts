/** What the server accepts as an avatar (modules/profiles): it reads the real type from the bytes. */
export const AVATAR_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
export const AVATAR_MAX_BYTES = 1024 * 1024;

/**
 * Why a picked file cannot be an avatar, judged before uploading it (the browser's type comes from
 * the file name, so the server still checks the bytes); null when it looks fine.
 */
export function avatarFileProblem(file: { type: string; size: number }): string | null {
  if (file.size === 0) return 'This file is empty. Choose a PNG, JPEG, WebP or GIF image.';
  if (!(AVATAR_TYPES as readonly string[]).includes(file.type)) return 'Choose a PNG, JPEG, WebP or GIF image.';
  if (file.size > AVATAR_MAX_BYTES) return `This image is ${(file.size / AVATAR_MAX_BYTES).toFixed(1)} MiB; the limit is 1 MiB.`;
  return null;
}
