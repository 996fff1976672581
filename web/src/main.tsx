// The console's entry: one built script and one built stylesheet, nothing inline (the CSP of
// API.md allows neither inline scripts nor inline styles).
import { render } from 'preact';
import { App } from './app';
import './styles.css';

render(<App />, document.getElementById('app')!);
