/**
 * The optional online basemap. Off unless configured — the atlas is offline by construction —
 * either by the server (`basemap` in /api/health, when the server sends it) or at build time:
 *
 *   VITE_ATLAS_BASEMAP=tianditu:<key>                 天地图 vector map + Chinese annotation
 *   VITE_ATLAS_BASEMAP=https://…/{z}/{x}/{y}.png       any XYZ raster in Web Mercator, WGS 84 datum
 *   VITE_ATLAS_BASEMAP_ATTRIBUTION='© …'               its credit line (XYZ only)
 *
 * The data are WGS 84: a basemap in GCJ-02 (AMap, Tencent) or BD-09 (Baidu) would sit some
 * 500 m off, so only WGS 84 sources (Tianditu is CGCS2000, the same at map scale) belong here.
 */
import type { BasemapConfig } from '../../../../../geodata/contract';

const TIANDITU_HOSTS = [0, 1, 2, 3, 4, 5, 6, 7].map((n) => `https://t${n}.tianditu.gov.cn`);

/** Tianditu's Web Mercator ("_w") WMTS layers as XYZ templates. */
export function tiandituBasemap(key: string): BasemapConfig {
  const layer = (name: string) =>
    TIANDITU_HOSTS.map((h) => `${h}/${name}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${name}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`);
  return { tiles: layer('vec'), labels: layer('cva'), attribution: '© 天地图 Tianditu (国家地理信息公共服务平台)', maxzoom: 18 };
}

/** The basemap set at build time, or null (the default: no basemap, nothing fetched). */
export function buildTimeBasemap(env: Record<string, unknown> = import.meta.env): BasemapConfig | null {
  const raw = typeof env.VITE_ATLAS_BASEMAP === 'string' ? env.VITE_ATLAS_BASEMAP.trim() : '';
  if (!raw) return null;
  if (raw.startsWith('tianditu:')) return tiandituBasemap(raw.slice('tianditu:'.length));
  if (!/^https?:\/\/.*\{z\}.*\{x\}.*\{y\}/.test(raw) && !/^https?:\/\/.*\{z\}/.test(raw)) return null;
  const attribution = typeof env.VITE_ATLAS_BASEMAP_ATTRIBUTION === 'string' ? env.VITE_ATLAS_BASEMAP_ATTRIBUTION : '';
  return { tiles: raw.split(/\s+/), attribution };
}

/** The server's setting wins over the build's. */
export function chooseBasemap(fromServer: BasemapConfig | null | undefined, fromBuild: BasemapConfig | null): BasemapConfig | null {
  return fromServer && fromServer.tiles.length ? fromServer : fromBuild;
}
