/**
 * The projected CGCS2000 Gauss–Krüger systems that Chinese surveying and planning data come in,
 * by EPSG code, as proj4 definitions. Four families, one transverse Mercator each zone
 * (GRS 80 ellipsoid, scale 1, false northing 0):
 *
 *   EPSG:4491–4501  6° zones 13–23, false easting with the zone number (zone × 10⁶ + 500 000)
 *   EPSG:4502–4512  6° zones by central meridian 75°E–135°E, false easting 500 000
 *   EPSG:4513–4533  3° zones 25–45, false easting with the zone number
 *   EPSG:4534–4554  3° zones by central meridian 75°E–135°E, false easting 500 000
 *
 * Chuzhou lies in 3° zones 39 (117°E: EPSG:4527 / 4548) and 40 (120°E: EPSG:4528 / 4549).
 */

export interface GaussKrugerZone {
  epsg: number;
  /** Central meridian, degrees east. */
  lon0: number;
  falseEasting: number;
  /** The zone number when the easting carries it, else null. */
  zone: number | null;
  width: 3 | 6;
  name: string;
}

export function gaussKrugerZone(epsg: number): GaussKrugerZone | null {
  if (epsg >= 4491 && epsg <= 4501) {
    const zone = epsg - 4478;
    return { epsg, lon0: zone * 6 - 3, falseEasting: zone * 1e6 + 5e5, zone, width: 6, name: `CGCS2000 / Gauss-Kruger zone ${zone}` };
  }
  if (epsg >= 4502 && epsg <= 4512) {
    const lon0 = 75 + (epsg - 4502) * 6;
    return { epsg, lon0, falseEasting: 5e5, zone: null, width: 6, name: `CGCS2000 / Gauss-Kruger CM ${lon0}E` };
  }
  if (epsg >= 4513 && epsg <= 4533) {
    const zone = epsg - 4488;
    return { epsg, lon0: zone * 3, falseEasting: zone * 1e6 + 5e5, zone, width: 3, name: `CGCS2000 / 3-degree Gauss-Kruger zone ${zone}` };
  }
  if (epsg >= 4534 && epsg <= 4554) {
    const lon0 = 75 + (epsg - 4534) * 3;
    return { epsg, lon0, falseEasting: 5e5, zone: null, width: 3, name: `CGCS2000 / 3-degree Gauss-Kruger CM ${lon0}E` };
  }
  return null;
}

export function tmercDefinition(lon0: number, falseEasting: number, options: { k?: number; falseNorthing?: number; lat0?: number } = {}): string {
  return `+proj=tmerc +lat_0=${options.lat0 ?? 0} +lon_0=${lon0} +k=${options.k ?? 1} +x_0=${falseEasting} +y_0=${options.falseNorthing ?? 0} +ellps=GRS80 +units=m +no_defs`;
}

/** The EPSG code of the zoned system an easting's leading digits name (e.g. 39 512 345 → 4527). */
export function zoneFromEasting(x: number): number | null {
  const zone = Math.floor(x / 1e6);
  if (zone >= 25 && zone <= 45) return 4488 + zone;
  if (zone >= 13 && zone <= 23) return 4478 + zone;
  return null;
}

/** The 3° system with central meridian nearest a longitude, without zone prefix (e.g. 118.3 → 4548). */
export function cmZoneFor(lon: number): number | null {
  const lon0 = Math.round(lon / 3) * 3;
  return lon0 >= 75 && lon0 <= 135 ? 4534 + (lon0 - 75) / 3 : null;
}
