// Mesh's own addition to libmesh-tree-sitter (compiled by build.sh with the tree-sitter core): a full walk of a
// subtree in one native call. Walking from .NET costs several P/Invokes per node; a reader that wants a few kinds
// of node out of every node of a file gets them here in a buffer instead.
#include <stdint.h>
#include <stdlib.h>
#include <tree_sitter/api.h>

typedef struct {
  TSNode node;
  TSNode parent;
  uint16_t ancestors[3]; // symbols of the parent, grandparent and great-grandparent; 0 (never a node's) above the root
  uint16_t flags;        // MESH_WALK_SELECTED | MESH_WALK_TOP_LEVEL
  uint32_t depth;        // how many ancestors the node has below and including the walk's root: 1 for its children
} MeshWalkEntry;

enum { MESH_WALK_SELECTED = 1, MESH_WALK_TOP_LEVEL = 2 };

_Static_assert(sizeof(MeshWalkEntry) == 80, "MeshWalkEntry must match WalkEntry in TreeSitter/TreeWalk.cs");

// Visits every node below root (not root itself) in pre-order, the order of a tree cursor, and writes an entry for
// each whose symbol is marked in selected[0..selected_count) or that is a named child of root. Writes at most
// capacity entries and returns how many there are, so a caller whose buffer was too small can call again.
// Returns UINT32_MAX when memory ran out.
uint32_t mesh_walk(TSNode root, const uint8_t *selected, uint32_t selected_count, MeshWalkEntry *out, uint32_t capacity) {
  size_t path_capacity = 64, depth = 0;
  TSNode *path = malloc(path_capacity * sizeof(TSNode));
  if (path == NULL) return UINT32_MAX;
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  TSNode current = root;
  uint32_t count = 0;
  for (;;) {
    if (ts_tree_cursor_goto_first_child(&cursor)) {
      if (depth == path_capacity) {
        TSNode *grown = realloc(path, 2 * path_capacity * sizeof(TSNode));
        if (grown == NULL) { count = UINT32_MAX; break; }
        path = grown;
        path_capacity *= 2;
      }
      path[depth++] = current;
    } else {
      int done = 0;
      while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
        if (depth == 0 || !ts_tree_cursor_goto_parent(&cursor)) { done = 1; break; }
        depth--;
      }
      if (done || depth == 0) break;
    }
    current = ts_tree_cursor_current_node(&cursor);
    TSSymbol symbol = ts_node_symbol(current);
    uint16_t flags = 0;
    if (symbol < selected_count && selected[symbol]) flags |= MESH_WALK_SELECTED;
    if (depth == 1 && ts_node_is_named(current)) flags |= MESH_WALK_TOP_LEVEL;
    if (flags == 0) continue;
    if (count < capacity) {
      MeshWalkEntry *entry = &out[count];
      entry->node = current;
      entry->parent = path[depth - 1];
      for (size_t generation = 0; generation < 3; generation++)
        entry->ancestors[generation] = generation < depth ? ts_node_symbol(path[depth - 1 - generation]) : 0;
      entry->flags = flags;
      entry->depth = (uint32_t)depth;
    }
    if (count < UINT32_MAX - 1) count++;
  }
  ts_tree_cursor_delete(&cursor);
  free(path);
  return count;
}
