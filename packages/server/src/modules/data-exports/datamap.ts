import type { TableDeclaration } from '../../db/datamap/types.ts';
import { EXPORT_LIFETIME_DAYS } from './lifetime.ts';
import { dataExports } from './schema.ts';

/** Data map (P8) of the person's data exports (P21). */
export const declarations: TableDeclaration[] = [
  {
    table: dataExports,
    description: 'A copy of your data you asked for ("Download my data"), and when it was built and downloaded.',
    subjects: [{ column: 'user_id', by: 'account', role: 'owner', onErase: 'delete' }],
    // Only the ZIP goes at expiry (retention task `exports`); an 'expiry' rule would delete the whole row.
    retention: {
      kind: 'custom',
      job: 'exports',
      describe: `The ZIP file is deleted ${EXPORT_LIFETIME_DAYS} days after it is built; the record that an export was made stays while the account exists.`,
    },
    columns: {
      id: { category: 'system.id', description: 'Identifier of the export.', export: true },
      user_id: {
        category: 'user.account.id',
        description: 'The account the export is for.',
        purposes: ['legal_compliance'],
        legalBasis: 'legal_obligation',
        export: true,
      },
      status: { category: 'system.state', description: 'queued, building, ready, failed or expired.', export: true },
      progress: { category: 'system.state', description: 'How far the build got, 0 to 100.', export: true },
      step: { category: 'system.state', description: 'What the build was doing last.', export: true },
      // The ZIP itself is a copy of the person's data; it is not put inside the next export.
      bytes: {
        category: 'user.derived.data_export',
        description: 'The ZIP file of your data.',
        purposes: ['legal_compliance'],
        legalBasis: 'legal_obligation',
        export: false,
      },
      size: { category: 'system.state', description: 'Size of the ZIP file in bytes.', export: true },
      sha256: { category: 'system.state', description: 'SHA-256 of the ZIP file.', export: true },
      created_at: {
        category: 'user.behavior.privacy_request',
        description: 'When you asked for the export.',
        purposes: ['legal_compliance'],
        legalBasis: 'legal_obligation',
        export: true,
      },
      finished_at: { category: 'system.timestamp', description: 'When the build ended.', export: true },
      expires_at: { category: 'system.timestamp', description: 'When the ZIP file is deleted.', export: true },
      download_count: {
        category: 'user.behavior.privacy_request',
        description: 'How many times the ZIP file was downloaded.',
        purposes: ['security', 'legal_compliance'],
        legalBasis: 'legal_obligation',
        export: true,
      },
      last_downloaded_at: {
        category: 'user.behavior.privacy_request',
        description: 'When the ZIP file was last downloaded.',
        purposes: ['security', 'legal_compliance'],
        legalBasis: 'legal_obligation',
        export: true,
      },
      error_code: { category: 'system.state', description: 'Why a build failed, as a code.', export: true },
    },
  },
];
