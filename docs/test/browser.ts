// The docs' browser tests start Chromium through the workspace's one launcher (tests/chromium).
export { chromiumSource, launchChromium } from '@rnn/chromium';
