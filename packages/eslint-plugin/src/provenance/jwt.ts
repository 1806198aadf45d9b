/** JWTs the code signs itself: jose `SignJWT` chains and `jsonwebtoken.sign`. */
import { AST_NODE_TYPES as T, type TSESTree } from '@typescript-eslint/types';
import type { FileContext } from './file-context.js';
import { JOSE, JSONWEBTOKEN } from './sdk.js';
import type { JwtBuild, JwtPart, ObjectShape } from './types.js';
import { propertyName, unwrap } from './values.js';

/** jose `SignJWT` setters and the claim each one sets. */
const JOSE_SETTERS: Readonly<Record<string, string>> = {
  setIssuer: 'iss',
  setSubject: 'sub',
  setAudience: 'aud',
  setJti: 'jti',
  setExpirationTime: 'exp',
  setNotBefore: 'nbf',
  setIssuedAt: 'iat',
};

/** jsonwebtoken options and the claim or header parameter each one sets. */
const JSONWEBTOKEN_CLAIMS: Readonly<Record<string, string>> = {
  issuer: 'iss',
  subject: 'sub',
  audience: 'aud',
  jwtid: 'jti',
  expiresIn: 'exp',
  notBefore: 'nbf',
};
const JSONWEBTOKEN_HEADER: Readonly<Record<string, string>> = { algorithm: 'alg', keyid: 'kid' };

/** Every signing call starts from one of these: `jsonwebtoken.sign`, or `new SignJWT`. */
const SIGNING_MODULES = [JSONWEBTOKEN, JOSE];

export class JwtBuilds {
  readonly #file: FileContext;
  readonly #cache = new Map<TSESTree.CallExpression, JwtBuild | null>();

  constructor(file: FileContext) {
    this.#file = file;
  }

  find(): JwtBuild[] {
    if (!this.#file.refersTo(SIGNING_MODULES)) return [];
    return this.#file.calls.flatMap((call) => this.at(call) ?? []);
  }

  /** The JWT a call signs, when it is a signing call. */
  at(call: TSESTree.CallExpression): JwtBuild | undefined {
    const cached = this.#cache.get(call);
    if (cached !== undefined) return cached ?? undefined;
    const build = this.#jsonwebtoken(call) ?? this.#jose(call);
    this.#cache.set(call, build ?? null);
    return build;
  }

  #part(node: TSESTree.Node, via: JwtPart['via']): JwtPart {
    const value = this.#file.values.staticValue(node);
    return value ? { node, value: value.value, via } : { node, via };
  }

  /** Adds an object's properties; returns false when the object is not fully known. */
  #merge(into: Map<string, JwtPart>, node: TSESTree.Node | undefined, via: JwtPart['via']): boolean {
    if (!node) return true;
    const shape = this.#file.values.objectShape(node);
    if (!shape) return false;
    for (const [name, entry] of shape.properties) into.set(name, this.#part(entry.value, via));
    return shape.complete;
  }

  #jsonwebtoken(call: TSESTree.CallExpression): JwtBuild | undefined {
    const ref = this.#file.moduleExport(call);
    if (ref?.module !== JSONWEBTOKEN || ref.name !== 'sign') return undefined;
    const [payload, , optionsNode] = call.arguments;
    const claims = new Map<string, JwtPart>();
    const header = new Map<string, JwtPart>();
    let complete = this.#merge(claims, payload, 'payload');
    const options: ObjectShape | undefined = optionsNode && this.#file.values.objectShape(optionsNode);
    if (optionsNode && !options) complete = false;
    for (const [name, entry] of options?.properties ?? []) {
      const claim = JSONWEBTOKEN_CLAIMS[name];
      const param = JSONWEBTOKEN_HEADER[name];
      if (claim) claims.set(claim, this.#part(entry.value, 'option'));
      else if (param) header.set(param, this.#part(entry.value, 'option'));
      else if (name === 'header') complete = this.#merge(header, entry.value, 'header') && complete;
    }
    return {
      node: call,
      library: 'jsonwebtoken',
      claims,
      header,
      complete: complete && (options?.complete ?? true),
      ...(options && { options }),
    };
  }

  /** `….sign(key)` at the end of a `new SignJWT(claims)` chain, possibly spread over statements on one variable. */
  #jose(call: TSESTree.CallExpression): JwtBuild | undefined {
    const callee = unwrap(call.callee);
    if (callee.type !== T.MemberExpression || propertyName(callee) !== 'sign') return undefined;
    const { values } = this.#file;
    const steps: TSESTree.CallExpression[] = [];
    let receiver: TSESTree.Node = callee.object;
    for (let depth = 0; depth < 50; depth++) {
      const n = values.resolve(receiver);
      if (n.type === T.NewExpression) {
        const ref = this.#file.moduleExport(n);
        if (ref?.module !== JOSE || ref.name !== 'SignJWT') return undefined;
        steps.push(...this.#statementSetters(n, receiver));
        return this.#joseBuild(call, n, steps);
      }
      if (n.type !== T.CallExpression) return undefined;
      const inner = unwrap(n.callee);
      if (inner.type !== T.MemberExpression) return undefined;
      steps.push(n);
      receiver = inner.object;
    }
    return undefined;
  }

  /** Setters called as separate statements on the variable that holds the `SignJWT`. */
  #statementSetters(construction: TSESTree.NewExpression, receiver: TSESTree.Node): TSESTree.CallExpression[] {
    if (unwrap(receiver).type !== T.Identifier) return [];
    const { values } = this.#file;
    return this.#file.calls.filter((c) => {
      const callee = unwrap(c.callee);
      return (
        callee.type === T.MemberExpression &&
        unwrap(callee.object).type === T.Identifier &&
        values.resolve(callee.object) === construction
      );
    });
  }

  #joseBuild(
    call: TSESTree.CallExpression,
    construction: TSESTree.NewExpression,
    steps: readonly TSESTree.CallExpression[],
  ): JwtBuild {
    const claims = new Map<string, JwtPart>();
    const header = new Map<string, JwtPart>();
    let complete = this.#merge(claims, construction.arguments[0], 'payload');
    let headerSet = false;
    const ordered = [...new Set(steps)].sort((a, b) => a.range[1] - b.range[1]);
    for (const step of ordered) {
      const callee = unwrap(step.callee) as TSESTree.MemberExpression;
      const name = propertyName(callee);
      const arg = step.arguments[0];
      const claim = name && JOSE_SETTERS[name];
      if (claim) claims.set(claim, arg ? this.#part(arg, 'setter') : { node: step, via: 'setter' });
      else if (name === 'setProtectedHeader') {
        headerSet = true;
        complete = this.#merge(header, arg, 'header') && complete;
      }
    }
    return { node: call, library: 'jose', claims, header, complete: complete && headerSet };
  }
}
