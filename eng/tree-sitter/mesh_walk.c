// Mesh's own addition to libmesh-tree-sitter (compiled by build.sh with the tree-sitter core): a full walk of a
// subtree in one native call. Walking from .NET costs several P/Invokes per node; a reader that wants a few kinds
// of node out of every node of a file gets them here in a buffer instead.
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <tree_sitter/api.h>
// The core's own headers: the walk reads subtrees directly, as tree_cursor.c does, without a cursor's bookkeeping.
#include "language.h"
#include "length.h"
#include "subtree.h"
#include "tree.h"

typedef struct {
  TSNode node;
  TSNode parent;
  uint16_t ancestors[3]; // symbols of the parent, grandparent and great-grandparent; 0 (never a node's) above the root
  uint16_t flags;        // MESH_WALK_SELECTED | MESH_WALK_TOP_LEVEL
  uint32_t depth;        // how many ancestors the node has below and including the walk's root: 1 for its children
} MeshWalkEntry;

enum { MESH_WALK_SELECTED = 1, MESH_WALK_TOP_LEVEL = 2 };

_Static_assert(sizeof(MeshWalkEntry) == 80, "MeshWalkEntry must match WalkEntry in TreeSitter/TreeWalk.cs");

// A node whose children are being visited. Hidden nodes (grammar rules such as _simple_statements) are walked
// through, as a tree cursor does, but are no one's parent or ancestor.
typedef struct {
  const Subtree *subtree;
  const TSSymbol *aliases;   // its production's alias sequence, or NULL
  Length position;           // where the next child starts
  uint32_t child_index;
  uint32_t structural_child_index;
  bool visible;
} MeshWalkFrame;

// Visits every node below root (not root itself) in pre-order, the order of a tree cursor, and writes an entry for
// each whose symbol is marked in selected[0..selected_count) or that is a named child of root. Writes at most
// capacity entries and returns how many there are, so a caller whose buffer was too small can call again.
// Returns UINT32_MAX when memory ran out.
uint32_t mesh_walk(TSNode root, const uint8_t *selected, uint32_t selected_count, MeshWalkEntry *out, uint32_t capacity) {
  const Subtree *root_subtree = (const Subtree *)root.id;
  if (ts_subtree_child_count(*root_subtree) == 0) return 0;
  const TSTree *tree = root.tree;
  // Frames hold every node on the way down; path and symbols the visible ones, so never more than frames.
  size_t stack_capacity = 64, frame_count = 0, depth = 0;
  MeshWalkFrame *frames = malloc(stack_capacity * sizeof(MeshWalkFrame));
  TSNode *path = malloc(stack_capacity * sizeof(TSNode));
  TSSymbol *symbols = malloc(stack_capacity * sizeof(TSSymbol));
  uint32_t count = 0;
  if (frames == NULL || path == NULL || symbols == NULL) { count = UINT32_MAX; goto done; }
  frames[frame_count++] = (MeshWalkFrame) {
    .subtree = root_subtree,
    .aliases = ts_language_alias_sequence(tree->language, root_subtree->ptr->production_id),
    .position = {ts_node_start_byte(root), ts_node_start_point(root)},
    .visible = true,
  };
  path[depth] = root;
  symbols[depth++] = ts_node_symbol(root);
  while (frame_count > 0) {
    MeshWalkFrame *frame = &frames[frame_count - 1];
    Subtree parent = *frame->subtree;
    uint32_t child_count = ts_subtree_child_count(parent);
    if (frame->child_index == child_count) {
      if (frame->visible) depth--;
      frame_count--;
      continue;
    }
    // One step of tree_cursor.c's ts_tree_cursor_child_iterator_next.
    const Subtree *child = &ts_subtree_children(parent)[frame->child_index];
    Length position = frame->position;
    TSSymbol alias = 0;
    if (!ts_subtree_extra(*child)) {
      if (frame->aliases) alias = frame->aliases[frame->structural_child_index];
      frame->structural_child_index++;
    }
    frame->position = length_add(frame->position, ts_subtree_size(*child));
    if (++frame->child_index < child_count)
      frame->position = length_add(frame->position, ts_subtree_padding(ts_subtree_children(parent)[frame->child_index]));

    bool visible = ts_subtree_visible(*child) || alias != 0;
    bool descend = ts_subtree_child_count(*child) > 0 && (visible || ts_subtree_visible_child_count(*child) > 0);
    if (descend && frame_count == stack_capacity) {
      stack_capacity *= 2;
      MeshWalkFrame *grown_frames = realloc(frames, stack_capacity * sizeof(MeshWalkFrame));
      if (grown_frames != NULL) frames = grown_frames;
      TSNode *grown_path = realloc(path, stack_capacity * sizeof(TSNode));
      if (grown_path != NULL) path = grown_path;
      TSSymbol *grown_symbols = realloc(symbols, stack_capacity * sizeof(TSSymbol));
      if (grown_symbols != NULL) symbols = grown_symbols;
      if (grown_frames == NULL || grown_path == NULL || grown_symbols == NULL) { count = UINT32_MAX; break; }
    }
    if (visible) {
      TSNode current = ts_node_new(tree, child, position, alias);
      TSSymbol symbol = ts_language_public_symbol(tree->language, alias != 0 ? alias : ts_subtree_symbol(*child)); // ts_node_symbol
      uint16_t flags = 0;
      if (symbol < selected_count && selected[symbol]) flags |= MESH_WALK_SELECTED;
      if (depth == 1 && ts_node_is_named(current)) flags |= MESH_WALK_TOP_LEVEL;
      if (flags != 0) {
        if (count < capacity) {
          MeshWalkEntry *entry = &out[count];
          entry->node = current;
          entry->parent = path[depth - 1];
          for (size_t generation = 0; generation < 3; generation++)
            entry->ancestors[generation] = generation < depth ? symbols[depth - 1 - generation] : 0;
          entry->flags = flags;
          entry->depth = (uint32_t)depth;
        }
        if (count < UINT32_MAX - 1) count++;
      }
      if (!descend) continue;
      path[depth] = current;
      symbols[depth++] = symbol;
    } else if (!descend) {
      continue;
    }
    frames[frame_count++] = (MeshWalkFrame) {
      .subtree = child,
      .aliases = ts_language_alias_sequence(tree->language, child->ptr->production_id),
      .position = position,
      .visible = visible,
    };
  }
done:
  free(frames);
  free(path);
  free(symbols);
  return count;
}
