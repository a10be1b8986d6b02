/**
 * What the editor's map draws and snaps to: the deck.gl layers for the grids, blocks, preview or
 * viewed version and labels, and the street and grid edges pointer positions snap to.
 */
import { useMemo } from 'react';
import type { Position } from 'geojson';
import type { CommunityBlocks, CommunityGrids } from '../../api/gridEdits';
import type { EditorState } from './editorState';
import { blocksLayer, gridLabelsLayer, gridsLayer, previewLayer } from './layers';

export function useEditLayers(
  s: EditorState,
  data: CommunityGrids | null,
  blocks: CommunityBlocks | null,
  band: number,
  standard: number,
) {
  const snapEdges = useMemo(() => {
    const out: [Position, Position][] = [];
    const rings = [
      ...(blocks?.features ?? []).flatMap((f) => f.geometry.coordinates),
      ...(data?.features ?? []).flatMap((f) =>
        f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat(),
      ),
    ];
    for (const r of rings) for (let i = 0; i + 1 < r.length; i++) out.push([r[i], r[i + 1]]);
    return out;
  }, [blocks, data]);

  const { viewing, preview, selected, painted, tool } = s;
  const layers = useMemo(() => {
    const shown = viewing ? viewing.grids : (preview?.result.after ?? null);
    const changed = viewing
      ? viewing.grids.map((g) => g.id)
      : preview
        ? [...preview.result.changed, ...preview.result.created]
        : [];
    return [
      gridsLayer(data, band, selected, !!(preview || viewing)),
      blocksLayer(blocks?.features ?? [], painted, tool === 'brush'),
      previewLayer(shown, changed, band, standard),
      gridLabelsLayer(data),
    ];
  }, [data, blocks, selected, painted, tool, preview, viewing, band, standard]);

  return { layers, snapEdges };
}
