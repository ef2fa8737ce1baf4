// Spectral custom function: report components that nothing references.
//
// Replaces spectral:oas `oas3-unused-component`, which counts only `$ref`s and therefore reports
// every schema that is reached through a discriminator `mapping` (our channel and event
// subtypes) as unused. Here a component is used when a local `$ref` anywhere in the document
// points at it, or (schemas only) when a discriminator mapping names it.
// Run with `resolved: false` so that the `$ref`s are still visible.

const TYPES = ['schemas', 'responses', 'parameters', 'examples', 'requestBodies', 'headers', 'links', 'callbacks'];

function collect(node, used, seen) {
  if (node === null || typeof node !== 'object' || seen.has(node)) {
    return;
  }
  seen.add(node);
  if (Array.isArray(node)) {
    node.forEach((item) => collect(item, used, seen));
    return;
  }
  if (typeof node.$ref === 'string' && node.$ref.startsWith('#/')) {
    used.add(decodeURIComponent(node.$ref));
  }
  const discriminator = node.discriminator;
  if (discriminator && typeof discriminator === 'object' && discriminator.mapping
      && typeof discriminator.mapping === 'object') {
    for (const target of Object.values(discriminator.mapping)) {
      if (typeof target !== 'string') {
        continue;
      }
      used.add(target.startsWith('#/') ? decodeURIComponent(target) : `#/components/schemas/${target}`);
    }
  }
  for (const [key, value] of Object.entries(node)) {
    if (key !== '$ref') {
      collect(value, used, seen);
    }
  }
}

function unescapePointer(token) {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

export default function unusedComponent(document) {
  if (document === null || typeof document !== 'object' || document.components === null
      || typeof document.components !== 'object') {
    return [];
  }
  const used = new Set();
  collect(document, used, new Set());
  // A pointer into a component (e.g. #/components/schemas/A/properties/b) uses the component.
  const usedComponents = new Set();
  for (const pointer of used) {
    const parts = pointer.split('/');
    if (parts.length >= 4 && parts[1] === 'components') {
      usedComponents.add(`${parts[2]}/${unescapePointer(parts[3])}`);
    }
  }
  const results = [];
  for (const type of TYPES) {
    const group = document.components[type];
    if (group === null || typeof group !== 'object') {
      continue;
    }
    for (const name of Object.keys(group)) {
      if (!usedComponents.has(`${type}/${name}`)) {
        results.push({
          message: `Component "${type}/${name}" is not referenced (neither by $ref nor by a discriminator mapping).`,
          path: ['components', type, name],
        });
      }
    }
  }
  return results;
}
