import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useId, useMemo, useRef, useState } from 'react';
import type { DragEvent, KeyboardEvent } from 'react';
import { Link } from 'react-router';
import { requestCount, visibleRows } from './outline-tree.ts';
import type { TreeNode, TreeRow } from './outline-tree.ts';
import { dropMove, siblingMove } from './tree-moves.ts';
import type { ItemMove, Placement } from './tree-moves.ts';

const ROW_HEIGHT = 30;

interface RequestTreeProps {
  /** The workspace's name: the tree's label. */
  label: string;
  roots: TreeNode[];
  onOpenRequest(node: TreeNode): void;
  /** Set for editors: requests and folders can be dragged, or moved with Alt+Shift+↑/↓. */
  onMove?(move: ItemMove, node: TreeNode): void;
  /** Where a collection's or folder's settings page is; with it, a link under the tree follows the selected row. */
  settingsPath?(node: TreeNode): string;
  /** Keys of the rows holding active secret findings (P17): marked with a warning sign. */
  flagged?: ReadonlySet<string>;
}

/**
 * The sidebar: a filter box and the workspace's collections, folders and requests as an ARIA tree
 * (roving focus, arrow keys, Home/End, type-ahead). Only the rows in view are in the page
 * (@tanstack/react-virtual), so a collection of thousands of requests stays quick. Editors reorder
 * by drag-and-drop or from the keyboard (Alt+Shift+↑/↓); not while filtering, where the rows
 * shown are not the real neighbours.
 */
export function RequestTree({ label, roots, onOpenRequest, onMove, settingsPath, flagged }: RequestTreeProps) {
  const treeId = useId();
  const [filter, setFilter] = useState('');
  // Typing stays responsive: the rows follow the box a moment later when the tree is large.
  const deferredFilter = useDeferredValue(filter);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set(roots.map((root) => root.key)));
  const rows = useMemo(() => visibleRows(roots, expanded, deferredFilter), [roots, expanded, deferredFilter]);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const activeIndex = Math.max(0, rows.findIndex((row) => row.node.key === activeKey));
  const active = rows[activeIndex];

  const [announcement, setAnnouncement] = useState('');
  const dragged = useRef<string | null>(null);
  const [dropAt, setDropAt] = useState<{ key: string; placement: Placement } | null>(null);
  const canMove = onMove !== undefined && !deferredFilter.trim();

  const scroller = useRef<HTMLDivElement>(null);
  const focusWanted = useRef(false);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const activeRendered = items.some((item) => item.index === activeIndex);

  function moveTo(index: number) {
    const row = rows[Math.min(Math.max(index, 0), rows.length - 1)];
    if (!row) return;
    focusWanted.current = true;
    setActiveKey(row.node.key);
    virtualizer.scrollToIndex(rows.indexOf(row), { align: 'auto' });
  }

  function toggle(row: TreeRow, open: boolean) {
    if (deferredFilter.trim()) return; // While filtering, every match's ancestors stay open.
    setExpanded((current) => {
      const next = new Set(current);
      if (open) next.add(row.node.key);
      else next.delete(row.node.key);
      return next;
    });
  }

  function activate(row: TreeRow) {
    setActiveKey(row.node.key);
    if (row.node.kind === 'request') onOpenRequest(row.node);
    else toggle(row, !row.expanded);
  }

  function move(itemMove: ItemMove, node: TreeNode) {
    focusWanted.current = true;
    setAnnouncement(`Moved ${node.name}.`);
    onMove?.(itemMove, node);
  }

  /** Top quarter: before; bottom quarter: after; the middle of a folder or collection: inside. */
  function placementAt(event: DragEvent<HTMLDivElement>, node: TreeNode): Placement {
    const box = event.currentTarget.getBoundingClientRect();
    const y = (event.clientY - box.top) / box.height;
    if (node.children && y > 0.25 && y < 0.75) return 'inside';
    return y < 0.5 ? 'before' : 'after';
  }

  function handleKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (active && canMove && event.altKey && event.shiftKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      const itemMove = siblingMove(roots, active.node.key, event.key === 'ArrowUp' ? -1 : 1);
      if (itemMove) move(itemMove, active.node);
      return;
    }
    if (!active || event.altKey || event.ctrlKey || event.metaKey) return;
    const handled = () => event.preventDefault();
    switch (event.key) {
      case 'ArrowDown':
        handled();
        return moveTo(activeIndex + 1);
      case 'ArrowUp':
        handled();
        return moveTo(activeIndex - 1);
      case 'Home':
        handled();
        return moveTo(0);
      case 'End':
        handled();
        return moveTo(rows.length - 1);
      case 'ArrowRight':
        handled();
        if (active.expanded === false) return toggle(active, true);
        if (active.expanded) return moveTo(activeIndex + 1);
        return;
      case 'ArrowLeft': {
        handled();
        // While filtering, folders stay open, so Left goes straight to the parent.
        if (active.expanded && !deferredFilter.trim()) return toggle(active, false);
        const parent = rows.findIndex((row) => row.node.key === active.parentKey);
        if (parent !== -1) moveTo(parent);
        return;
      }
      case 'Enter':
      case ' ':
        handled();
        return activate(active);
      default:
        // Type-ahead: the next row whose name starts with the typed character.
        if (event.key.length === 1 && event.key.trim()) {
          const char = event.key.toLocaleLowerCase();
          for (let step = 1; step <= rows.length; step++) {
            const index = (activeIndex + step) % rows.length;
            if (rows[index]?.node.name.toLocaleLowerCase().startsWith(char)) {
              handled();
              return moveTo(index);
            }
          }
        }
    }
  }

  const matchCount = deferredFilter.trim() ? requestCount(rows) : null;
  // The settings link sits outside the tree (a tree item holds no controls): it names the selected
  // collection or folder, or the folder or collection holding the selected request.
  const settingsTarget = active && (active.node.kind === 'request' ? rows.find((row) => row.node.key === active.parentKey)?.node : active.node);

  return (
    <div className="request-tree">
      <label htmlFor={`${treeId}-filter`}>Filter requests</label>
      <input
        id={`${treeId}-filter`}
        type="search"
        value={filter}
        autoComplete="off"
        aria-controls={treeId}
        onChange={(event) => setFilter(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && rows.length > 0) {
            event.preventDefault();
            moveTo(activeIndex);
          }
        }}
      />
      <p className="visually-hidden" role="status">
        {matchCount === null ? announcement : `${matchCount} ${matchCount === 1 ? 'request matches' : 'requests match'}.`}
      </p>
      {canMove && (
        <p id={`${treeId}-move-hint`} className="visually-hidden">
          Drag a request or folder to move it, or press Alt+Shift+Up or Down to move the selected one among its neighbours.
        </p>
      )}
      {rows.length === 0 ? (
        <p className="muted tree-empty">{deferredFilter.trim() ? `No request or folder name contains “${deferredFilter.trim()}”.` : 'No collections yet.'}</p>
      ) : (
        <div
          ref={scroller}
          id={treeId}
          role="tree"
          aria-label={`Requests of ${label}`}
          aria-describedby={canMove ? `${treeId}-move-hint` : undefined}
          className="tree-scroller"
          // Reachable by Tab even when the focused row has scrolled out of the page.
          tabIndex={activeRendered ? -1 : 0}
          onFocus={(event) => {
            if (event.target === event.currentTarget) moveTo(activeIndex);
          }}
          onKeyDown={handleKeyDown}
        >
          <div className="tree-sizer" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const row = rows[item.index]!;
              const isActive = item.index === activeIndex;
              return (
                <div
                  key={row.node.key}
                  ref={(element) => {
                    if (element && isActive && focusWanted.current) {
                      focusWanted.current = false;
                      element.focus({ preventScroll: true });
                    }
                  }}
                  role="treeitem"
                  data-key={row.node.key}
                  aria-level={row.level}
                  aria-posinset={row.position}
                  aria-setsize={row.setSize}
                  aria-expanded={row.expanded}
                  aria-selected={isActive}
                  tabIndex={isActive ? 0 : -1}
                  className={`tree-row tree-${row.node.kind}${dropAt?.key === row.node.key ? ` drop-${dropAt.placement}` : ''}`}
                  style={{ transform: `translateY(${item.start}px)`, paddingLeft: `${0.5 + (row.level - 1) * 1.1}rem` }}
                  onClick={() => activate(row)}
                  draggable={canMove && row.node.kind !== 'collection'}
                  onDragStart={(event) => {
                    dragged.current = row.node.key;
                    event.dataTransfer.effectAllowed = 'move';
                    event.dataTransfer.setData('text/plain', row.node.name);
                  }}
                  onDragOver={(event) => {
                    if (!dragged.current) return;
                    const placement = placementAt(event, row.node);
                    if (!dropMove(roots, dragged.current, row.node.key, placement)) return setDropAt(null);
                    event.preventDefault(); // allows the drop here
                    event.dataTransfer.dropEffect = 'move';
                    if (dropAt?.key !== row.node.key || dropAt.placement !== placement) setDropAt({ key: row.node.key, placement });
                  }}
                  onDrop={(event) => {
                    event.preventDefault();
                    const itemMove = dragged.current && dropMove(roots, dragged.current, row.node.key, placementAt(event, row.node));
                    const node = rows.find((r) => r.node.key === dragged.current)?.node;
                    if (itemMove && node) {
                      setActiveKey(node.key);
                      move(itemMove, node);
                    }
                    dragged.current = null;
                    setDropAt(null);
                  }}
                  onDragEnd={() => {
                    dragged.current = null;
                    setDropAt(null);
                  }}
                >
                  {row.expanded !== undefined && (
                    <span className="tree-chevron" aria-hidden="true">
                      {row.expanded ? '▾' : '▸'}
                    </span>
                  )}
                  {row.node.method && <MethodBadge method={row.node.method} />}
                  <span className="tree-name">
                    <Highlighted text={row.node.name} match={row.match} />
                  </span>
                  {flagged?.has(row.node.key) && (
                    <span className="tree-flag" title="Possible secret: see the warning in the request or the workspace's Secrets page">
                      <span aria-hidden="true">⚠</span>
                      <span className="visually-hidden"> (possible secret)</span>
                    </span>
                  )}
                </div>
              );
            })}
          </div>
        </div>
      )}
      {settingsPath && settingsTarget && (
        <p className="tree-settings">
          <Link to={settingsPath(settingsTarget)}>
            {settingsTarget.kind === 'folder' ? `Settings of folder ${settingsTarget.name}` : `Settings of ${settingsTarget.name}`}
          </Link>
        </p>
      )}
    </div>
  );
}

/** A request's method, coloured by kind (the colour is never the only cue: the text is there). */
export function MethodBadge({ method }: { method: string }) {
  const known = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'].includes(method);
  return <span className={`method-badge method-${known ? method.toLowerCase() : 'other'}`}>{method}</span>;
}

function Highlighted({ text, match }: { text: string; match: [number, number] | undefined }) {
  if (!match) return <>{text}</>;
  const [start, end] = match;
  return (
    <>
      {text.slice(0, start)}
      <mark>{text.slice(start, end)}</mark>
      {text.slice(end)}
    </>
  );
}
