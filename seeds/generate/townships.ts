/**
 * Synthetic township areas inside the real district boundaries: one seat per township, spread
 * by best-candidate sampling (subdistricts packed around the district's urban core), then a
 * Voronoi partition of the seats clipped to the district. Real names, synthetic shapes.
 */
import { featureCollection, point, voronoi } from '@turf/turf';
import { intersection, type Geom } from 'polyclip-ts';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { BaseGeography, TownshipRecord } from '../../geodata/base/types';
import type { Rng } from '../rng';
import { Region, bestCandidate, roundPosition, type Area } from './geo';

export interface TownshipArea {
  record: TownshipRecord;
  seat: Position;
  region: Region;
}

export function generateTownships(base: BaseGeography, rng: Rng): TownshipArea[] {
  const out: TownshipArea[] = [];
  for (const district of base.districts.features) {
    const code = district.properties.code;
    const region = new Region(district.geometry);
    const townships = base.townships.filter((t) => t.district_code === code);
    if (townships.length === 0) continue;
    const r = rng.fork(`townships:${code}`);
    const core = districtCore(region, base.city.seats[code], r);
    const subdistricts = townships.filter((t) => t.settlement === 'urban');
    const others = townships.filter((t) => t.settlement !== 'urban');
    // Subdistricts: a compact urban core (radius grows with their number, ~1.5 km each).
    const coreRadius = 0.012 * Math.sqrt(Math.max(1, subdistricts.length));
    const nearCore = (): Position => {
      for (;;) {
        const p: Position = [core[0]! + r.normal() * coreRadius, core[1]! + r.normal() * coreRadius * 0.85];
        if (region.contains(p[0]!, p[1]!)) return p;
      }
    };
    const subSeats = bestCandidate(r, subdistricts.length, nearCore, [], 8);
    const otherSeats = bestCandidate(r, others.length, () => region.randomPoint(r), [core, ...subSeats], 16);
    const seats = [...subSeats, ...otherSeats].map(roundPosition);
    const ordered = [...subdistricts, ...others];
    const cells = voronoiCells(seats, region);
    ordered.forEach((record, i) => {
      out.push({ record, seat: seats[i]!, region: new Region(cells[i]!) });
    });
  }
  return out.sort((a, b) => a.record.code.localeCompare(b.record.code));
}

function districtCore(region: Region, seat: [number, number] | undefined, rng: Rng): Position {
  if (seat && region.contains(seat[0], seat[1])) return seat;
  // No known seat (another city, or a seat outside the coarse boundary): any inner point.
  return region.randomPoint(rng);
}

/** Voronoi cells of `seats`, each clipped to the district. */
function voronoiCells(seats: Position[], district: Region): Area[] {
  const b = district.bbox;
  const pad = 0.05;
  const bbox: [number, number, number, number] = [b[0] - pad, b[1] - pad, b[2] + pad, b[3] + pad];
  if (seats.length === 1) return [district.geometry];
  const diagram = voronoi(featureCollection(seats.map((s) => point(s))), { bbox });
  return diagram.features.map((cell, i) => {
    if (!cell) throw new Error(`two township seats coincide (seat ${i})`);
    const clipped = intersection(cell.geometry.coordinates as Geom, toGeom(district.geometry));
    return fromClipped(clipped);
  });
}

function toGeom(area: Area): Geom {
  return (area.type === 'Polygon' ? area.coordinates : area.coordinates) as Geom;
}

/** polyclip-ts returns a multipolygon; keep RFC 7946 rounding and the simplest type. */
function fromClipped(multi: Position[][][]): Polygon | MultiPolygon {
  const polygons = multi.map((polygon) => polygon.map((ring) => dedupe(ring.map(roundPosition))));
  if (polygons.length === 1) return { type: 'Polygon', coordinates: polygons[0]! };
  return { type: 'MultiPolygon', coordinates: polygons };
}

function dedupe(ring: Position[]): Position[] {
  const out: Position[] = [];
  for (const p of ring) {
    const q = out[out.length - 1];
    if (!q || q[0] !== p[0] || q[1] !== p[1]) out.push(p);
  }
  return out;
}
