import { NodeType, type serializedNodeWithId } from '@rrweb/types';

/**
 * A plausible shop page as rrweb serializes it (the full snapshot's `node`), plus the ids the generated user can
 * interact with. The page is a function of (rng, href, size) so a seed always yields the same DOM.
 */
export interface GeneratedPage {
  href: string;
  title: string;
  node: serializedNodeWithId;
  /** Buttons and links a click can land on. */
  clickable: number[];
  /** Text inputs; `password` ones are masked by rrweb like every input under maskAllInputs. */
  inputs: { id: number; password: boolean }[];
  /** The element mutations append to and remove from (the product list), and its cards' ids. */
  listId: number;
  cards: number[];
  /** The product list node inside `node`: mutations change it in place so a later full snapshot shows them. */
  listNode: { childNodes: serializedNodeWithId[] };
  /** The text node of the cart button, which changes on "Add to cart" (changed in place, like listNode). */
  cartTextId: number;
  cartText: { textContent: string };
  /** Height of the document in px, for scroll positions. */
  scrollHeight: number;
  /** The next free node id, for nodes added by later mutations. */
  nextId: number;
}

type Rng = () => number;

const WORDS = (
  'fresh organic coffee blend roasted beans ceramic mug kettle grinder filter paper espresso cup saucer travel ' +
  'bottle insulated steel glass jar honey tea leaves green black oolong spoon tray linen towel apron scale timer'
).split(' ');

const STYLESHEET = [
  'body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1f24;background:#fafafa}',
  'header{display:flex;align-items:center;justify-content:space-between;padding:12px 24px;border-bottom:1px solid #e5e7eb}',
  '.nav a{margin-right:16px;color:#374151;text-decoration:none}.nav a:hover{text-decoration:underline}',
  '.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:16px;padding:24px}',
  '.card{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:12px;display:flex;flex-direction:column}',
  '.card img{width:100%;aspect-ratio:4/3;object-fit:cover;border-radius:4px}.card h3{font-size:16px;margin:8px 0 4px}',
  '.price{font-weight:600;color:#111827}.btn{border:0;border-radius:6px;padding:8px 12px;cursor:pointer}',
  '.btn.primary{background:#2563eb;color:#fff}.btn.secondary{background:#e5e7eb;color:#111827}',
  'form.newsletter{display:flex;gap:8px;padding:24px}form.newsletter input{flex:1;padding:8px;border:1px solid #d1d5db}',
  'footer{padding:24px;color:#6b7280;font-size:13px}footer a{color:inherit;margin-right:12px}',
  '@media (max-width:640px){.grid{grid-template-columns:1fr 1fr}header{padding:8px 12px}}',
].join('\n');

function sentence(rng: Rng, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(rng() * WORDS.length)]);
  const text = out.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Builds serialized nodes with ids in document order, as rrweb-snapshot numbers them. */
class NodeBuilder {
  constructor(public nextId: number) {}

  el(tagName: string, attributes: Record<string, string>, children: serializedNodeWithId[] = []): serializedNodeWithId {
    const id = this.nextId++;
    return { type: NodeType.Element, tagName, attributes, childNodes: children, id };
  }

  text(textContent: string): serializedNodeWithId {
    return { type: NodeType.Text, textContent, id: this.nextId++ };
  }

  /** An element whose only child is a text node, ids in rrweb's order (parent first). */
  withText(tagName: string, attributes: Record<string, string>, textContent: string): serializedNodeWithId {
    const id = this.nextId++;
    return { type: NodeType.Element, tagName, attributes, childNodes: [this.text(textContent)], id };
  }
}

/** One product card, as a mutation would add it or the full snapshot holds it. */
export function productCard(b: NodeBuilder, rng: Rng, clickable: number[]): serializedNodeWithId {
  const id = b.nextId++;
  const img = b.el('img', { src: `https://cdn.example.com/p/${Math.floor(rng() * 1e6)}.webp`, alt: sentence(rng, 2) });
  const title = b.withText('h3', {}, sentence(rng, 3));
  const blurb = b.withText('p', { class: 'blurb' }, sentence(rng, 12));
  const price = b.withText('span', { class: 'price' }, `€${(5 + rng() * 95).toFixed(2)}`);
  const button = b.withText('button', { class: 'btn primary', 'data-attr': 'add-to-cart' }, 'Add to cart');
  clickable.push(button.id);
  return { type: NodeType.Element, tagName: 'div', attributes: { class: 'card' }, childNodes: [img, title, blurb, price, button], id };
}

function head(b: NodeBuilder, title: string, origin: string): serializedNodeWithId {
  return b.el('head', {}, [
    b.el('meta', { charset: 'utf-8' }),
    b.el('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    b.withText('title', {}, title),
    // inlineStylesheet: rrweb inlines the sheet's rules as _cssText.
    b.el('link', { rel: 'stylesheet', href: `${origin}/assets/app.css`, _cssText: STYLESHEET }),
    b.el('script', { src: `${origin}/assets/app.js`, defer: '' }),
  ]);
}

function header(b: NodeBuilder, origin: string, clickable: number[]): { node: serializedNodeWithId; cartText: { id: number; textContent: string } } {
  const links = ['Shop', 'Coffee', 'Tea', 'Equipment', 'Gifts', 'About'].map((label) => {
    const link = b.withText('a', { href: `${origin}/${label.toLowerCase()}` }, label);
    clickable.push(link.id);
    return link;
  });
  const cart = b.withText('button', { id: 'cart', class: 'btn secondary' }, 'Cart (0)');
  clickable.push(cart.id);
  const node = b.el('header', {}, [b.withText('strong', { class: 'logo' }, 'Bean & Leaf'), b.el('nav', { class: 'nav' }, links), cart]);
  return { node, cartText: (cart as { childNodes: { id: number; textContent: string }[] }).childNodes[0] };
}

function newsletter(b: NodeBuilder, page: Pick<GeneratedPage, 'clickable' | 'inputs'>): serializedNodeWithId {
  const email = b.el('input', { type: 'email', name: 'email', placeholder: 'you@example.com' });
  const password = b.el('input', { type: 'password', name: 'password' });
  const submit = b.el('input', { type: 'submit', value: 'Sign up' });
  page.inputs.push({ id: email.id, password: false }, { id: password.id, password: true });
  page.clickable.push(submit.id);
  return b.el('form', { class: 'newsletter', id: 'signup' }, [b.withText('label', { for: 'email' }, 'Newsletter'), email, password, submit]);
}

/** A shop page of `cards` product cards, with header, newsletter form and footer. */
export function generatePage(rng: Rng, origin: string, path: string, cards: number): GeneratedPage {
  const b = new NodeBuilder(1);
  const page = { clickable: [] as number[], inputs: [] as GeneratedPage['inputs'] };
  const title = `${sentence(rng, 2)} · Bean & Leaf`;
  const documentId = b.nextId++;
  const doctype: serializedNodeWithId = { type: NodeType.DocumentType, name: 'html', publicId: '', systemId: '', id: b.nextId++ };
  const htmlId = b.nextId++;
  const headNode = head(b, title, origin);
  const bodyId = b.nextId++;
  const top = header(b, origin, page.clickable);
  const h1 = b.withText('h1', {}, sentence(rng, 4));
  const listId = b.nextId++;
  const list: serializedNodeWithId = { type: NodeType.Element, tagName: 'section', attributes: { class: 'grid' }, childNodes: [], id: listId };
  for (let i = 0; i < cards; i++) list.childNodes.push(productCard(b, rng, page.clickable));
  const cardIds = list.childNodes.map((card) => card.id);
  const main = b.el('main', {}, [h1, b.withText('p', { class: 'intro' }, sentence(rng, 20)), list, newsletter(b, page)]);
  const foot = b.el('footer', {}, [b.withText('p', {}, `© 2026 Bean & Leaf. ${sentence(rng, 8)}`)]);
  const body: serializedNodeWithId = { type: NodeType.Element, tagName: 'body', attributes: {}, childNodes: [top.node, main, foot], id: bodyId };
  const html: serializedNodeWithId = { type: NodeType.Element, tagName: 'html', attributes: { lang: 'en' }, childNodes: [headNode, body], id: htmlId };
  const node: serializedNodeWithId = { type: NodeType.Document, childNodes: [doctype, html], compatMode: 'CSS1Compat', id: documentId };
  return { href: `${origin}${path}`, title, node, ...page, listId, cards: cardIds, listNode: list as { childNodes: serializedNodeWithId[] }, cartTextId: top.cartText.id, cartText: top.cartText, scrollHeight: 900 + Math.ceil(cards / 4) * 380, nextId: b.nextId };
}

/** A builder continuing a page's id sequence, for nodes added by mutations. */
export function nodeBuilderFor(page: GeneratedPage): NodeBuilder {
  return new NodeBuilder(page.nextId);
}

export type { NodeBuilder };
