import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// The tokens and the base come first: every component's own stylesheet builds on them.
import './tokens.css';
import './base.css';
import { App } from './App.tsx';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
