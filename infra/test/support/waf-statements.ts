import type { CfnJson } from './template-queries.ts';

export interface RequestLine {
  method: string;
  path: string;
}

/** The part of a request a byte match reads, after its text transformations. */
function field(request: RequestLine, match: CfnJson): string {
  const fieldToMatch = match.FieldToMatch as Record<string, unknown>;
  let value: string;
  if ('Method' in fieldToMatch) value = request.method;
  else if ('UriPath' in fieldToMatch) value = request.path;
  else throw new Error(`cannot read ${JSON.stringify(fieldToMatch)}`);
  const transformations = [...(match.TextTransformations as Array<{ Priority: number; Type: string }>)];
  for (const { Type } of transformations.sort((a, b) => a.Priority - b.Priority)) {
    if (Type === 'URL_DECODE') value = decodeURIComponent(value);
    else if (Type !== 'NONE') throw new Error(`cannot apply ${Type}`);
  }
  return value;
}

/**
 * Whether a WAF statement of the synthesized template matches a request, for the statement kinds the web ACL
 * uses (byte matches on method and path, and, or, not); anything else throws, so a test cannot pass by omission.
 */
export function statementMatches(statement: CfnJson, request: RequestLine): boolean {
  if (statement.AndStatement) {
    return (statement.AndStatement.Statements as CfnJson[]).every((each) => statementMatches(each, request));
  }
  if (statement.OrStatement) {
    return (statement.OrStatement.Statements as CfnJson[]).some((each) => statementMatches(each, request));
  }
  if (statement.NotStatement) return !statementMatches(statement.NotStatement.Statement, request);
  const match = statement.ByteMatchStatement;
  if (!match) throw new Error(`cannot evaluate ${JSON.stringify(statement)}`);
  const value = field(request, match);
  const wanted = match.SearchString as string;
  switch (match.PositionalConstraint) {
    case 'EXACTLY':
      return value === wanted;
    case 'STARTS_WITH':
      return value.startsWith(wanted);
    case 'ENDS_WITH':
      return value.endsWith(wanted);
    default:
      throw new Error(`cannot evaluate ${match.PositionalConstraint}`);
  }
}
