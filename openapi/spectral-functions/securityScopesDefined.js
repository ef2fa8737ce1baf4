// Spectral custom function: every security requirement names a defined scheme, and every scope
// it lists is declared.
//
// Replaces spectral:oas `oas3-operation-security-defined`, which looks for scopes only in
// `flows` and so reports every scope of an `openIdConnect` requirement (CAMARA's `openId`
// scheme) as undeclared. openIdConnect scopes live in the provider's discovery document, which a
// linter cannot read; we require them to be declared in the scheme's own `x-scopes` map
// (scope -> meaning). Schemes of other types take no scopes.
// Input: one Security Requirement Object; run with `resolved: false`.

function extensionScopes(scheme) {
  const declared = scheme['x-scopes'];
  return new Set(declared && typeof declared === 'object' ? Object.keys(declared) : []);
}

function flowScopes(scheme) {
  const scopes = new Set();
  for (const flow of Object.values(scheme.flows || {})) {
    if (flow && flow.scopes && typeof flow.scopes === 'object') {
      Object.keys(flow.scopes).forEach((s) => scopes.add(s));
    }
  }
  return scopes;
}

export default function securityScopesDefined(requirement, _options, context) {
  if (requirement === null || typeof requirement !== 'object') {
    return [];
  }
  const data = context.document.data;
  const schemes = (data && data.components && data.components.securitySchemes) || {};
  const results = [];
  for (const [name, scopes] of Object.entries(requirement)) {
    const scheme = schemes[name];
    if (scheme === undefined || scheme === null || typeof scheme !== 'object') {
      results.push({
        message: `Security scheme "${name}" is not defined in components.securitySchemes.`,
        path: [...context.path, name],
      });
      continue;
    }
    if (!Array.isArray(scopes)) {
      continue;
    }
    let declared;
    if (scheme.type === 'oauth2') {
      declared = flowScopes(scheme);
    } else if (scheme.type === 'openIdConnect') {
      declared = extensionScopes(scheme);
    } else {
      declared = new Set();
    }
    scopes.forEach((scope, index) => {
      if (!declared.has(scope)) {
        results.push({
          message: scheme.type === 'openIdConnect'
            ? `Scope "${scope}" of openIdConnect scheme "${name}" is not declared in its x-scopes.`
            : `Scope "${scope}" is not declared by scheme "${name}".`,
          path: [...context.path, name, index],
        });
      }
    });
  }
  return results;
}
