import { mount } from 'svelte';
import './app.css';
import Page from './Page.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

export default mount(Page, { target });
