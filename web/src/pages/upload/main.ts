import { mount } from 'svelte';
import '../../shared/page.css';
import Page from './Page.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('upload.html has no #app element');

export default mount(Page, { target });
