import { isAlias, isNode, parseDocument, visit, type Document, type Node } from 'yaml';

const OPTIONS = { uniqueKeys: false, strict: true, stringKeys: false } as const;

/**
 * Parses YAML (already validated by parseDocumentText) into a Document with every alias
 * replaced by a copy of the node it names and no anchor left: an edit of one webhook
 * (`enabled: &on true`, reused as `*on` by another) then changes that webhook only, and
 * removing the item that holds an anchor cannot leave another's alias dangling. Used where
 * qwh re-renders a document it edits; comments and key order stay.
 */
export function parseYamlExpanded(text: string): Document {
  const doc = parseDocument(text, OPTIONS);
  visit(doc, {
    Alias(_, alias) {
      const target = alias.resolve(doc);
      return isNode(target) ? (target.clone() as Node) : undefined;
    },
  });
  visit(doc, {
    Node(_, node) {
      if (isAlias(node)) return;
      if ('anchor' in node && node.anchor) node.anchor = undefined;
    },
  });
  return doc;
}
