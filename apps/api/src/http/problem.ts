import { STATUS_CODES } from 'node:http';
import type { FastifyReply } from 'fastify';

export interface FieldProblem {
  path: string;
  message: string;
}

export interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: FieldProblem[] | undefined;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** RFC 9457 problem details; `about:blank` types make the title the HTTP status phrase. */
export function problemDocument(problem: Problem) {
  return {
    type: 'about:blank',
    title: STATUS_CODES[problem.status] ?? 'Error',
    status: problem.status,
    detail: problem.detail,
    code: problem.code,
    ...(problem.errors ? { errors: problem.errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problemDocument(problem));
}

/** Thrown by handlers and hooks for an answer that is not a domain error (e.g. authentication). */
export class HttpProblem extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail);
    this.problem = problem;
  }
}
