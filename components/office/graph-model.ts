/**
 * The integration-candidate graph (issue #8): nodes are portals, edges are the shown portal pairs, weighted by the
 * duplicated-work score. Built only from shown cells: a suppressed pair is no edge, and a suppressed portal is a
 * node only when a shown pair needs it, without any figure.
 */
import type { PairFigures, PairLabel, PortalFigures, PortalLabel } from '../../core/office/figures';
import type { ShownCell } from '../../core/office/suppression';
import { escapeHtml } from './escape';

export interface GraphNode {
  id: string;
  /** Plain text: the catalog name or the id. Escaped where echarts would read it as HTML. */
  name: string;
  /** Cadres of the portal; null when the portal's own cell is suppressed. */
  people: number | null;
}

export interface GraphEdge {
  source: string;
  target: string;
  score: number;
  people: number;
}

export interface GraphModel {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export function buildGraphModel(
  portals: readonly ShownCell<PortalLabel, PortalFigures>[],
  pairs: readonly ShownCell<PairLabel, PairFigures>[],
  nameOf: (key: string, catalogName: string | null) => string,
): GraphModel {
  const edges: GraphEdge[] = [];
  const needed = new Map<string, string | null>();
  for (const pair of pairs) {
    if (pair.suppressed) continue;
    edges.push({ source: pair.label.a, target: pair.label.b, score: pair.figures.duplicatedWork, people: pair.people });
    needed.set(pair.label.a, pair.label.aName).set(pair.label.b, pair.label.bName);
  }
  const nodes: GraphNode[] = [];
  for (const portal of portals) {
    if (!portal.suppressed || needed.has(portal.key)) {
      nodes.push({
        id: portal.key,
        name: nameOf(portal.key, portal.label.name) || portal.key,
        people: portal.suppressed ? null : portal.people,
      });
    }
    needed.delete(portal.key);
  }
  // A pair's portal that no report listed on its own has no row; it still needs a node.
  for (const [id, catalogName] of needed) nodes.push({ id, name: nameOf(id, catalogName) || id, people: null });
  return { nodes, edges };
}

export interface TooltipTexts {
  edge(score: number): string;
  node(people: number): string;
  hidden: string;
}

/**
 * The tooltip of a node or an edge, as the HTML echarts will insert: every piece of text escaped, since names
 * come from reports and from the office catalog.
 */
export function tooltipHtml(params: unknown, names: ReadonlyMap<string, string>, texts: TooltipTexts): string {
  const p = (params ?? {}) as { dataType?: string; data?: { id?: unknown; people?: unknown; source?: unknown; target?: unknown; score?: unknown } };
  const d = p.data ?? {};
  const nameOf = (id: unknown) => names.get(String(id)) ?? String(id ?? '');
  if (p.dataType === 'edge') {
    const score = typeof d.score === 'number' ? d.score : 0;
    return `${escapeHtml(`${nameOf(d.source)} — ${nameOf(d.target)}`)}<br>${escapeHtml(texts.edge(score))}`;
  }
  const people = typeof d.people === 'number' ? texts.node(d.people) : texts.hidden;
  return `${escapeHtml(nameOf(d.id))}<br>${escapeHtml(people)}`;
}
