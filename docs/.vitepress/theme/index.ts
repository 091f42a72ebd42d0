// The default theme, plus the components that show build-time data beside the equations.
import type { Theme } from 'vitepress';
import DefaultTheme from 'vitepress/theme';
import EquationPanel from './components/EquationPanel.vue';
import PlotFigure from './components/PlotFigure.vue';
import './custom.css';

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('EquationPanel', EquationPanel);
    app.component('PlotFigure', PlotFigure);
  },
} satisfies Theme;
