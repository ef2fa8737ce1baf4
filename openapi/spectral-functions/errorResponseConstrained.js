// Spectral custom function (resolved document): every 4xx/5xx response of an operation (callbacks
// excluded: the receiver's body is not ours to constrain) with a JSON body constrains `status` and
// `code` to the values it can carry, CAMARA_common style: `status` has an enum of the response's
// own status, `code` an enum. Input: the responses object of an operation.

function prop(schema, name, depth = 0) {
  if (!schema || typeof schema !== 'object' || depth > 10) {
    return undefined;
  }
  if (schema.properties && schema.properties[name]) {
    return schema.properties[name];
  }
  for (const part of Array.isArray(schema.allOf) ? schema.allOf : []) {
    const found = prop(part, name, depth + 1);
    if (found && Array.isArray(found.enum)) {
      return found;
    }
  }
  return undefined;
}

export default function errorResponseConstrained(responses, _options, context) {
  if (!responses || typeof responses !== 'object') {
    return [];
  }
  if ((context.path || []).includes('callbacks')) {
    return [];
  }
  const results = [];
  for (const [status, response] of Object.entries(responses)) {
    if (!/^[45]/.test(status)) {
      continue;
    }
    const schema = response && response.content && response.content['application/json']
      ? response.content['application/json'].schema : undefined;
    if (!schema) {
      continue;
    }
    const s = prop(schema, 'status');
    const c = prop(schema, 'code');
    if (!s || !Array.isArray(s.enum) || (/^\d{3}$/.test(status) && !s.enum.map(String).includes(status))) {
      results.push({ message: `Response ${status}: the error schema's status needs an enum holding ${status}.`, path: [...context.path, status] });
    }
    if (!c || !Array.isArray(c.enum) || c.enum.length === 0) {
      results.push({ message: `Response ${status}: the error schema's code needs an enum of the codes it can carry.`, path: [...context.path, status] });
    }
  }
  return results;
}
