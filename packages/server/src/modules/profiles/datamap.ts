import { byAccount, personal, withAccount } from '../../db/datamap/declare.ts';
import type { TableDeclaration } from '../../db/datamap/types.ts';
import { avatars } from './schema.ts';

export const declarations: TableDeclaration[] = [
  {
    table: avatars,
    description: 'A person’s profile picture (P1); removing it deletes the row.',
    subjects: [byAccount('user_id', 'owner', 'delete')],
    retention: withAccount('Profile pictures'),
    columns: {
      user_id: personal('user.unique_id', 'The account.', ['collaboration'], 'contract'),
      content_type: personal('user.profile.avatar', 'The picture’s image format.', ['collaboration'], 'contract'),
      bytes: personal('user.profile.avatar', 'The picture.', ['collaboration'], 'contract'),
      size: personal('user.profile.avatar', 'The picture’s size in bytes.', ['collaboration'], 'contract'),
      sha256: personal('user.profile.avatar', 'Checksum of the picture, used for caching.', ['collaboration'], 'contract', { export: false }),
      updated_at: personal('user.profile.avatar', 'When the picture was uploaded.', ['collaboration'], 'contract'),
    },
  },
];
