/**
 * How long a built export can be downloaded (P19, P21). Seven days leaves time to fetch it from
 * another device while keeping a full copy of someone's data at rest as briefly as is useful;
 * afterwards the ZIP is deleted and a new export can be asked for at any time.
 */
export const EXPORT_LIFETIME_DAYS = 7;
export const EXPORT_LIFETIME_MS = EXPORT_LIFETIME_DAYS * 24 * 60 * 60 * 1000;
