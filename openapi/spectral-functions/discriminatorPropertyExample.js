// Spectral custom function: the property named by a schema's discriminator must carry an
// `example` (directly, or through the schema it references; the document is linted resolved).
// Prism and documentation tools otherwise show a meaningless generated value ("string").
// Looks for the property in `properties` and in the parts of `allOf`; for a `oneOf`, in every
// alternative (each concrete schema must define it).

function findProperty(schema, name, depth) {
  if (schema === null || typeof schema !== 'object' || depth > 10) {
    return undefined;
  }
  if (schema.properties && typeof schema.properties === 'object' && name in schema.properties) {
    return schema.properties[name];
  }
  if (Array.isArray(schema.allOf)) {
    for (const part of schema.allOf) {
      const found = findProperty(part, name, depth + 1);
      if (found !== undefined) {
        return found;
      }
    }
  }
  return undefined;
}

function hasExample(property) {
  if (property === null || typeof property !== 'object') {
    return false;
  }
  if (property.example !== undefined) {
    return true;
  }
  // A property composed with allOf (e.g. a $ref plus a narrower enum) may carry the example in a part.
  return Array.isArray(property.allOf) && property.allOf.some(hasExample);
}

export default function discriminatorPropertyExample(schema) {
  if (schema === null || typeof schema !== 'object' || schema.discriminator === null
      || typeof schema.discriminator !== 'object') {
    return [];
  }
  const name = schema.discriminator.propertyName;
  if (typeof name !== 'string' || name.length === 0) {
    return [];
  }
  const targets = Array.isArray(schema.oneOf) ? schema.oneOf : [schema];
  const results = [];
  targets.forEach((target, i) => {
    const where = Array.isArray(schema.oneOf) ? ` (oneOf alternative ${i})` : '';
    const property = findProperty(target, name, 0);
    if (property === undefined) {
      results.push({ message: `Discriminator property "${name}" is not defined in the schema${where}.` });
    } else if (!hasExample(property)) {
      results.push({ message: `Discriminator property "${name}" must have an example${where}.` });
    }
  });
  return results;
}
