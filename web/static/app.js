// jwtkey's generator page: keys are made here, in the browser, with
// crypto.getRandomValues and SubtleCrypto. Generating makes no network
// request. The checker loads the strength package (Go compiled to
// WebAssembly) the first time it is opened and judges secrets inside this
// page.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);

  // A page exported for a static host cannot forbid framing (a <meta>
  // policy cannot carry frame-ancestors), so the page refuses to run in a
  // frame itself: nothing to click, nothing to read.
  if (window.top !== window.self) {
    const note = document.createElement("p");
    note.id = "framed";
    note.className = "status error";
    note.textContent = "This page makes keys only when opened on its own, not inside another page. Open it directly.";
    document.querySelector("main").replaceChildren(note);
    return;
  }

  // Bytes of each HMAC secret: the hash output size (RFC 7518 §3.2).
  const HMAC_BYTES = { HS256: 32, HS384: 48, HS512: 64 };
  const SECRET_ENCODINGS = [["hex", "hex"], ["base64", "base64"], ["base64url", "base64url"], ["jwk", "JWK (JSON Web Key)"]];
  const PAIR_ENCODINGS = [["pem", "PEM (PKCS #8)"], ["jwk", "JWK (JSON Web Key)"]];
  const RSA = (name, hash) => ({ name, hash, modulusLength: 3072, publicExponent: new Uint8Array([1, 0, 1]) });
  const PAIR_PARAMS = {
    RS256: RSA("RSASSA-PKCS1-v1_5", "SHA-256"),
    RS384: RSA("RSASSA-PKCS1-v1_5", "SHA-384"),
    RS512: RSA("RSASSA-PKCS1-v1_5", "SHA-512"),
    PS256: RSA("RSA-PSS", "SHA-256"),
    PS384: RSA("RSA-PSS", "SHA-384"),
    PS512: RSA("RSA-PSS", "SHA-512"),
    ES256: { name: "ECDSA", namedCurve: "P-256" },
    ES384: { name: "ECDSA", namedCurve: "P-384" },
    ES512: { name: "ECDSA", namedCurve: "P-521" },
    EdDSA: { name: "Ed25519" },
  };
  const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

  const ui = {
    alg: $("alg"), encoding: $("encoding"), varname: $("varname"),
    key: $("key"), meta: $("key-meta"), status: $("status"),
    generate: $("generate"), copy: $("copy"), copyEnv: $("copy-env"),
    publicBox: $("public-box"), public: $("public"), copyPublic: $("copy-public"),
    checker: $("checker"), secret: $("secret"), showSecret: $("show-secret"),
    check: $("check"), checkerStatus: $("checker-status"), result: $("result"),
  };

  // current is the key on screen: text as shown, the .env value, the public key.
  let current = null;
  let generation = 0;

  // --- encodings -----------------------------------------------------------

  function randomBytes(n) {
    const b = new Uint8Array(n);
    crypto.getRandomValues(b);
    return b;
  }
  function hex(bytes) {
    let s = "";
    for (const b of bytes) s += b.toString(16).padStart(2, "0");
    return s;
  }
  function base64(bytes) {
    let bin = "";
    for (const b of bytes) bin += String.fromCharCode(b);
    return btoa(bin);
  }
  function base64url(bytes) {
    return base64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function pem(type, der) {
    const lines = base64(new Uint8Array(der)).match(/.{1,64}/g);
    return `-----BEGIN ${type}-----\n${lines.join("\n")}\n-----END ${type}-----\n`;
  }

  // RFC 7638 thumbprint of a public JWK: SHA-256 over its required members
  // in lexical order. The same kid "jwtkey generate" gives a key pair.
  async function thumbprint(jwk) {
    const members = { RSA: ["e", "kty", "n"], EC: ["crv", "kty", "x", "y"], OKP: ["crv", "kty", "x"] }[jwk.kty];
    const canon = "{" + members.map((m) => JSON.stringify(m) + ":" + JSON.stringify(jwk[m])).join(",") + "}";
    const sum = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canon));
    return base64url(new Uint8Array(sum));
  }

  // --- generating ----------------------------------------------------------

  function makeSecret(alg, enc) {
    const bytes = randomBytes(HMAC_BYTES[alg]);
    const bits = bytes.length * 8;
    switch (enc) {
      case "hex": return line(hex(bytes), `${alg} · ${bits} bits · ${bytes.length * 2} hex characters`);
      case "base64": return line(base64(bytes), `${alg} · ${bits} bits · base64, padded`);
      case "base64url": return line(base64url(bytes), `${alg} · ${bits} bits · base64url, unpadded`);
      case "jwk": {
        const jwk = { kty: "oct", kid: base64url(randomBytes(12)), alg, use: "sig", k: base64url(bytes) };
        return jsonKey(jwk, `${alg} · ${bits} bits · JSON Web Key with a random kid`);
      }
    }
    throw new Error("unknown encoding " + enc);
  }

  function line(text, meta) {
    return { text, env: text, meta, long: false };
  }

  function jsonKey(jwk, meta) {
    const compact = JSON.stringify(jwk);
    return { text: JSON.stringify(jwk, null, 2), env: `'${compact}'`, meta, long: true };
  }

  async function makePair(alg, enc) {
    if (!crypto.subtle) {
      throw new Error("key pairs need a secure context: open this page over HTTPS, or as http://localhost or http://127.0.0.1");
    }
    const pair = await crypto.subtle.generateKey(PAIR_PARAMS[alg], true, ["sign", "verify"]);
    const pubJWK = await crypto.subtle.exportKey("jwk", pair.publicKey);
    const kid = await thumbprint(pubJWK);
    const size = PAIR_PARAMS[alg].modulusLength
      ? `RSA ${PAIR_PARAMS[alg].modulusLength}`
      : PAIR_PARAMS[alg].namedCurve || "Ed25519";
    if (enc === "jwk") {
      const privJWK = tidyJWK(await crypto.subtle.exportKey("jwk", pair.privateKey), alg, kid);
      const k = jsonKey(privJWK, `${alg} · ${size} · private JWK, kid is the RFC 7638 thumbprint`);
      k.public = JSON.stringify(tidyJWK(pubJWK, alg, kid), null, 2);
      return k;
    }
    const priv = pem("PRIVATE KEY", await crypto.subtle.exportKey("pkcs8", pair.privateKey));
    const pub = pem("PUBLIC KEY", await crypto.subtle.exportKey("spki", pair.publicKey));
    return {
      text: priv,
      env: `"${priv.replace(/\n/g, "\\n")}"`,
      meta: `${alg} · ${size} · PKCS #8 private key`,
      long: true,
      public: pub,
    };
  }

  // tidyJWK drops Web Crypto's key_ops and ext and names the JWS algorithm.
  function tidyJWK(jwk, alg, kid) {
    const out = { kty: jwk.kty, kid, use: "sig", alg };
    for (const m of ["crv", "n", "e", "x", "y", "d", "p", "q", "dp", "dq", "qi"]) {
      if (jwk[m] !== undefined) out[m] = jwk[m];
    }
    return out;
  }

  async function generate() {
    const alg = ui.alg.value;
    const enc = ui.encoding.value;
    const mine = ++generation;
    ui.generate.disabled = true;
    setStatus(ui.status, HMAC_BYTES[alg] ? "" : `Making a new ${alg} key pair…`);
    try {
      const k = HMAC_BYTES[alg] ? makeSecret(alg, enc) : await makePair(alg, enc);
      if (mine !== generation) return; // a newer click won
      show(k);
      setStatus(ui.status, `New ${alg} key made in this browser.`);
    } catch (err) {
      if (mine !== generation) return;
      current = null;
      ui.key.textContent = "";
      ui.meta.textContent = "";
      ui.publicBox.hidden = true;
      setStatus(ui.status, `Could not make a ${alg} key here: ${err.message}. Try “jwtkey generate --alg ${alg}” in a terminal.`, true);
    } finally {
      if (mine === generation) ui.generate.disabled = false;
    }
  }

  function show(k) {
    current = k;
    ui.key.textContent = k.text;
    ui.key.classList.toggle("long", k.long);
    ui.key.dataset.alg = ui.alg.value;
    ui.key.dataset.encoding = ui.encoding.value;
    ui.meta.textContent = k.meta;
    ui.publicBox.hidden = !k.public;
    ui.public.textContent = k.public || "";
    updateCopyButtons();
  }

  function fillEncodings() {
    const pair = !HMAC_BYTES[ui.alg.value];
    const wanted = pair ? PAIR_ENCODINGS : SECRET_ENCODINGS;
    const keep = ui.encoding.value;
    ui.encoding.replaceChildren(...wanted.map(([value, label]) => new Option(label, value)));
    ui.encoding.value = wanted.some(([v]) => v === keep) ? keep : wanted[0][0];
  }

  // --- copying -------------------------------------------------------------

  function varName() {
    return ui.varname.value.trim();
  }

  function updateCopyButtons() {
    const ok = VAR_NAME.test(varName());
    ui.varname.setAttribute("aria-invalid", String(!ok));
    ui.copy.disabled = !current;
    ui.copyEnv.disabled = !current || !ok;
  }

  // copyFallback copies through a temporary text area, for browsers that
  // have no navigator.clipboard (plain HTTP on a non-loopback address).
  function copyFallback(text) {
    const ta = document.createElement("textarea");
    ta.value = text;
    ta.setAttribute("readonly", "");
    ta.className = "offscreen";
    document.body.append(ta);
    ta.select();
    const ok = document.execCommand("copy");
    ta.remove();
    if (!ok) throw new Error("copy refused");
  }

  async function copy(text, what) {
    try {
      if (navigator.clipboard) await navigator.clipboard.writeText(text);
      else copyFallback(text);
      setStatus(ui.status, `${what} copied. Paste it where it belongs, and nowhere else.`);
    } catch {
      setStatus(ui.status, `The browser did not allow copying; select the ${what.toLowerCase()} and copy it by hand.`, true);
    }
  }

  // --- the checker ---------------------------------------------------------

  let checkerLoad = null;

  function loadChecker() {
    if (checkerLoad) return checkerLoad;
    setStatus(ui.checkerStatus, "Loading the checker…");
    checkerLoad = new Promise((resolve, reject) => {
      const s = document.createElement("script");
      s.src = "wasm_exec.js";
      s.onload = resolve;
      s.onerror = () => reject(new Error("wasm_exec.js did not load"));
      document.head.append(s);
    }).then(async () => {
      const go = new Go();
      const ready = new Promise((resolve) => { globalThis.jwtkeyReady = resolve; });
      const resp = await fetch("check.wasm");
      if (!resp.ok) throw new Error(`check.wasm: HTTP ${resp.status}`);
      // Streaming needs the application/wasm type; a static host that
      // sends another (some S3 uploads do) gets the bytes compiled instead.
      const { instance } = (resp.headers.get("Content-Type") || "").startsWith("application/wasm")
        ? await WebAssembly.instantiateStreaming(resp, go.importObject)
        : await WebAssembly.instantiate(await resp.arrayBuffer(), go.importObject);
      go.run(instance);
      await ready;
      setStatus(ui.checkerStatus, "Checker ready. Nothing you paste leaves this page.");
      ui.result.dataset.ready = "true";
    }).catch((err) => {
      checkerLoad = null;
      setStatus(ui.checkerStatus, `The checker could not load (${err.message}). Use “jwtkey check” in a terminal.`, true);
      throw err;
    });
    return checkerLoad;
  }

  let checkTimer = 0;

  async function runCheck() {
    clearTimeout(checkTimer);
    const secret = ui.secret.value;
    if (secret === "") {
      ui.result.hidden = true;
      ui.result.replaceChildren();
      delete ui.result.dataset.verdict;
      return;
    }
    try {
      await loadChecker();
    } catch {
      return;
    }
    if (secret !== ui.secret.value) return; // typed on meanwhile
    renderResult(globalThis.jwtkeyCheck(secret));
  }

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  // sentence capitalizes the first letter of a message from the Go side.
  function sentence(s) {
    return s.charAt(0).toUpperCase() + s.slice(1);
  }

  function renderResult(r) {
    const parts = [];
    if (r.error) {
      ui.result.dataset.verdict = "error";
      parts.push(el("p", sentence(r.error.replace(/^strength: /, "")) + ".", "verdict"));
    } else {
      ui.result.dataset.verdict = r.verdict;
      const title = { strong: "Strong", weak: "Weak: do not use it", compromised: "Compromised: replace it now" }[r.verdict] || r.verdict;
      parts.push(el("p", title, "verdict"));
      parts.push(el("p", `About ${Math.round(r.bits)} bits of strength. ` + (r.goodFor.length
        ? `Strong enough for ${r.goodFor.join(", ").replace(/, ([^,]*)$/, " and $1")}.`
        : "Not strong enough for any HMAC algorithm.")));
      if (r.findings.length) {
        const ul = el("ul");
        for (const f of r.findings) {
          const li = el("li", sentence(f.message));
          li.dataset.kind = f.kind;
          ul.append(li);
        }
        parts.push(ul);
      }
      if (r.fix) parts.push(el("p", sentence(r.fix), "fix"));
    }
    ui.result.replaceChildren(...parts);
    ui.result.hidden = false;
  }

  // --- wiring --------------------------------------------------------------

  function setStatus(node, text, error = false) {
    node.textContent = text;
    node.classList.toggle("error", error);
  }

  ui.generate.addEventListener("click", generate);
  ui.alg.addEventListener("change", () => { fillEncodings(); generate(); });
  ui.encoding.addEventListener("change", generate);
  ui.varname.addEventListener("input", updateCopyButtons);
  ui.copy.addEventListener("click", () => current && copy(current.text, "Key"));
  ui.copyEnv.addEventListener("click", () => current && copy(`${varName()}=${current.env}`, ".env line"));
  ui.copyPublic.addEventListener("click", () => current && current.public && copy(current.public, "Public key"));
  // Enter in a field must not submit the form (form-action 'none' would block it anyway).
  document.getElementById("options").addEventListener("submit", (e) => e.preventDefault());

  ui.checker.addEventListener("toggle", () => {
    if (ui.checker.open) loadChecker().catch(() => {});
  });
  ui.secret.addEventListener("input", () => {
    clearTimeout(checkTimer);
    checkTimer = setTimeout(runCheck, 200);
  });
  ui.secret.addEventListener("keydown", (e) => { if (e.key === "Enter") runCheck(); });
  ui.check.addEventListener("click", runCheck);
  ui.showSecret.addEventListener("click", () => {
    const show = ui.secret.type === "password";
    ui.secret.type = show ? "text" : "password";
    ui.showSecret.textContent = show ? "Hide" : "Show";
    ui.showSecret.setAttribute("aria-pressed", String(show));
  });

  if (!crypto.subtle) {
    // Without a secure context there is no SubtleCrypto; HMAC secrets still
    // work, key pairs do not.
    $("pair-algs").disabled = true;
  }
  fillEncodings();
  generate();
})();
