/**
 * The wire contract of the HTTP API: every request and response type, in one place, imported
 * (type-only) by the server's routes and by the web app's API client. `api.ts` holds the error
 * shape, health, /api/me, layers, features and TileJSON; `compliance.ts` the figures;
 * `uploads.ts` the uploads API. The README lists the endpoints; docs/UPLOADS.md the report.
 */
export type * from './api';
export type * from './compliance';
export type * from './uploads';
