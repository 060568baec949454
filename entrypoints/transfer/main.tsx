import { render } from 'preact';
import { TransferPage } from './TransferPage';
import './theme.css';
import './transfer.css';

const root = document.getElementById('app');
if (root) render(<TransferPage />, root);
