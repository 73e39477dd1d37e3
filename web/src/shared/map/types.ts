/**
 * Style types, derived from maplibre-gl's own public API: maplibre-gl 6 does not re-export the
 * style-spec types, and the style-spec package is only a transitive dependency.
 */
import type { MapOptions } from 'maplibre-gl';

export type StyleSpecification = Exclude<MapOptions['style'], string | undefined>;
export type LayerSpecification = StyleSpecification['layers'][number];
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A layer as a component declares it: everything but the source, which the component owns. */
export type LayerDef = DistributiveOmit<Exclude<LayerSpecification, { type: 'background' }>, 'source'>;

