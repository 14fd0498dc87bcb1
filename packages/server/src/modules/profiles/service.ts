import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { Clock } from '../../clock.ts';
import { AppError, badRequest, notFound, tooLarge } from '../../errors.ts';
import type { UserRecord } from '../accounts/store.ts';
import type { ProfileChanges, ProfileStore, StoredAvatar } from './store.ts';

export const MAX_AVATAR_BYTES = 1024 * 1024;
/** Raster formats browsers show safely in <img>; SVG (scriptable) is deliberately not one. */
export const AVATAR_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];

/** What anyone may see of an account (P1): never the email unless its owner made it public. */
export interface PublicProfile {
  username: string;
  displayName: string | null;
  bio: string | null;
  email: string | null;
  avatarUpdatedAt: Date | null;
}

export type ProfileService = ReturnType<typeof createProfileService>;

export interface ProfileServiceDeps {
  store: ProfileStore;
  clock: Clock;
  /** Told about saved preference changes, e.g. so a shorter history retention applies at once. */
  onPreferencesChanged?: (userId: string, preferences: UserRecord['preferences']) => Promise<void>;
}

export function createProfileService({ store, clock, onPreferencesChanged }: ProfileServiceDeps) {
  return {
    async update(userId: string, changes: ProfileChanges): Promise<UserRecord> {
      const user = await store.update(userId, changes);
      if (!user) throw notFound('No such account.');
      if (changes.preferences && onPreferencesChanged) await onPreferencesChanged(user.id, user.preferences);
      return user;
    },

    /** Stores a new avatar; the type is read from the bytes, never from a client's header. */
    async setAvatar(userId: string, bytes: Buffer): Promise<UserRecord> {
      if (bytes.length === 0) throw badRequest('Send the image as the request body.', { code: 'AVATAR_EMPTY' });
      if (bytes.length > MAX_AVATAR_BYTES) {
        throw tooLarge('An avatar may be at most 1 MiB.', { code: 'AVATAR_TOO_LARGE' });
      }
      const detected = await fileTypeFromBuffer(bytes);
      if (!detected || !AVATAR_TYPES.includes(detected.mime)) {
        throw new AppError(415, 'AVATAR_TYPE_UNSUPPORTED', 'An avatar must be a PNG, JPEG, WebP or GIF image.');
      }
      const user = await store.saveAvatar(userId, {
        contentType: detected.mime,
        bytes,
        sha256: createHash('sha256').update(bytes).digest('base64url'),
        updatedAt: clock(),
      });
      if (!user) throw notFound('No such account.');
      return user;
    },

    async removeAvatar(userId: string): Promise<void> {
      if (!(await store.deleteAvatar(userId))) throw notFound('You have no avatar.', { code: 'AVATAR_NOT_FOUND' });
    },

    async publicProfile(username: string): Promise<PublicProfile> {
      const user = await store.findByUsername(username);
      if (!user) throw notFound('No such person.');
      return {
        username: user.username,
        displayName: user.displayName,
        bio: user.bio,
        email: user.publicEmail ? user.email : null,
        avatarUpdatedAt: user.avatarUpdatedAt,
      };
    },

    async avatar(username: string): Promise<StoredAvatar> {
      const avatar = await store.findAvatarByUsername(username);
      if (!avatar) throw notFound('This person has no avatar.', { code: 'AVATAR_NOT_FOUND' });
      return avatar;
    },
  };
}
