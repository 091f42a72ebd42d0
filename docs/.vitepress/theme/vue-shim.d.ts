// Lets TypeScript import single-file components (VitePress compiles them) without a direct dependency on vue.
declare module '*.vue' {
  const component: NonNullable<import('vitepress').Theme['Layout']>;
  export default component;
}

// Stylesheets imported for their side effect (Vite bundles them).
declare module '*.css';
