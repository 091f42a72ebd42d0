// Gives every display equation that carries \tag{N} an anchor `#eq-N`, so pages, checks and tests can find it.
import type { MarkdownRenderer } from 'vitepress';

const tag = /\\tag\{([0-9a-z]+)\}/;

/**
 * Wraps the MathJax output of each `$$ … \tag{N} $$` block in `<div class="numbered-equation" id="eq-N">`.
 *
 * @example
 * md.use(numberedEquations);
 * // $$ E_t = -y_t \cdot \log \hat y_t \tag{3} $$   →   <div class="numbered-equation" id="eq-3"><mjx-container …
 */
export function numberedEquations(md: MarkdownRenderer): void {
  const render = md.renderer.rules.math_block;
  if (!render) throw new Error('numberedEquations needs the math plugin (markdown: { math: true }) first.');
  md.renderer.rules.math_block = (tokens, idx, options, env, self) => {
    const html = render(tokens, idx, options, env, self);
    const number = tag.exec(tokens[idx]?.content ?? '')?.[1];
    return number ? `<div class="numbered-equation" id="eq-${number}">${html}</div>\n` : html;
  };
}
