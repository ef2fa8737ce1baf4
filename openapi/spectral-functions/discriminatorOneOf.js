// Spectral custom function (unresolved document): polymorphism in the shape every generator
// understands. A schema with a `discriminator` must be a `oneOf` of `$ref`s to the concrete
// schemas, with an explicit `mapping` naming exactly those schemas; no concrete schema may
// `allOf` a schema that has a discriminator (a base naming its own subtypes).

function refName(ref) {
  return typeof ref === 'string' ? ref.substring(ref.lastIndexOf('/') + 1) : undefined;
}

export default function discriminatorOneOf(schema, _options, context) {
  if (schema === null || typeof schema !== 'object' || typeof schema.discriminator !== 'object'
      || schema.discriminator === null) {
    return [];
  }
  const results = [];
  const oneOf = schema.oneOf;
  if (!Array.isArray(oneOf) || oneOf.length === 0 || !oneOf.every((s) => s && typeof s.$ref === 'string')) {
    results.push({ message: 'A discriminator belongs on a oneOf of $refs to the concrete schemas.' });
    return results;
  }
  const mapping = schema.discriminator.mapping;
  if (mapping === null || typeof mapping !== 'object' || Object.keys(mapping).length === 0) {
    results.push({ message: 'The discriminator needs an explicit mapping (value -> concrete schema).' });
    return results;
  }
  const alternatives = new Set(oneOf.map((s) => s.$ref));
  const mapped = new Set(Object.values(mapping));
  for (const ref of alternatives) {
    if (!mapped.has(ref)) {
      results.push({ message: `oneOf alternative ${refName(ref)} is not named in the discriminator mapping.` });
    }
  }
  for (const ref of mapped) {
    if (!alternatives.has(ref)) {
      results.push({ message: `Mapped schema ${refName(ref)} is not a oneOf alternative.` });
    }
  }
  const schemas = context?.document?.data?.components?.schemas ?? {};
  for (const ref of alternatives) {
    const concrete = schemas[refName(ref)];
    for (const part of (concrete && Array.isArray(concrete.allOf)) ? concrete.allOf : []) {
      const parent = part && schemas[refName(part.$ref)];
      if (parent && parent.discriminator) {
        results.push({ message: `${refName(ref)} extends ${refName(part.$ref)}, a schema with a discriminator (a base must not name its subtypes).` });
      }
    }
  }
  return results;
}
