import '../ui/tc-countdown.js';
document.body.textContent = 'Tablecloth';
