// A curl line that replays a journal entry's shape: its method, path and content type, and the
// body its route documents (from /_mock/openapi.json), with a shell placeholder for every value.
// The journal holds no bodies, keys or tokens, and neither does this line: $API_KEY, $PUBLIC_KEY,
// $DATA… are the user's to set.

/** POSIX single quotes: everything literal, a quote written as '\'' . */
const quoted = (text) => `'${String(text).replaceAll("'", `'\\''`)}'`;

const placeholder = (name) => `$${name.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()}`;

/** The documented operation for a method and path ({name} in a template matches one segment). */
function operationFor(openapi, method, path) {
  for (const [template, operations] of Object.entries(openapi?.paths ?? {})) {
    const pattern = new RegExp(
      `^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}$`,
    );
    if (pattern.test(path) && operations[method.toLowerCase()])
      return operations[method.toLowerCase()];
  }
  return undefined;
}

/** A value for a schema: its enum's first value, a placeholder for a string, nested objects filled in. */
function sample(schema, name) {
  if (schema?.enum) return schema.enum[0];
  if (schema?.type === 'object' || schema?.properties) {
    const required = new Set(schema.required ?? []);
    return Object.fromEntries(
      Object.entries(schema.properties ?? {})
        .filter(([key]) => required.has(key))
        .map(([key, sub]) => [key, sample(sub, `${name ? `${name}_` : ''}${key}`)]),
    );
  }
  if (schema?.type === 'array') return [];
  if (schema?.type === 'integer' || schema?.type === 'number') return 0;
  if (schema?.type === 'boolean') return false;
  return placeholder(name || 'value');
}

/** JSON inside a double-quoted shell word: quotes and backslashes escaped, the $PLACEHOLDERS left to expand. */
const doubleQuoted = (text) => `"${text.replace(/[\\"`]/g, '\\$&')}"`;

export function curlFor(entry, openapi, origin) {
  const operation = operationFor(openapi, entry.method, entry.path);
  const token = entry.principal?.type === 'user_credentials' ? '$TOKEN' : '$API_KEY';
  const lines = [
    `curl -si -X ${entry.method} ${quoted(origin + entry.path)}`,
    `-H "Authorization: Bearer ${token}"`,
  ];
  const content = operation?.requestBody?.content ?? {};
  const sent = entry.request?.content_type;
  if (content['application/json']) {
    lines.push(
      `-H ${quoted(`Content-Type: ${sent && !sent.startsWith('multipart/') ? sent : 'application/json'}`)}`,
    );
    lines.push(
      `-d ${doubleQuoted(JSON.stringify(sample(content['application/json'].schema, '')))}`,
    );
  } else if (content['multipart/form-data']) {
    const schema = content['multipart/form-data'].schema;
    const required = new Set(schema.required ?? []);
    for (const name of Object.keys(schema.properties ?? {}).filter((key) => required.has(key))) {
      lines.push(
        name === 'file'
          ? `-F "file=@$FILE;type=application/octet-stream"`
          : `-F "${name}=${placeholder(name)}"`,
      );
    }
  } else if (sent) {
    lines.push(`-H ${quoted(`Content-Type: ${sent}`)}`, '--data-binary @"$BODY"');
  }
  const used = [...new Set(lines.join(' ').match(/\$[A-Z][A-Z0-9_]*/g) ?? [])];
  return [
    `# set ${used.map((name) => name.slice(1)).join(', ')} first`,
    lines.join(' \\\n  '),
  ].join('\n');
}
